#include "scenario/child_run.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"

namespace fc::scenario {
namespace {

void ParseCrashReport(ChildRun& run) {
  run.reported_crash = absl::StrContains(run.stderr_text, "futurecheck: invariant: no-crash\n");
  constexpr absl::string_view kScenario = "futurecheck: scenario (";
  const size_t at = run.stderr_text.find(kScenario.data(), 0, kScenario.size());
  if (at == std::string::npos) return;
  const size_t start = at + kScenario.size();
  const size_t end = run.stderr_text.find(' ', start);
  size_t actions = 0;
  if (end != std::string::npos &&
      absl::SimpleAtoi(absl::string_view(run.stderr_text).substr(start, end - start), &actions)) {
    run.crash_actions = actions;
  }
}

}  // namespace

const char* SignalName(int sig) {
  switch (sig) {
    case SIGSEGV:
      return "SIGSEGV";
    case SIGBUS:
      return "SIGBUS";
    case SIGILL:
      return "SIGILL";
    case SIGFPE:
      return "SIGFPE";
    case SIGABRT:
      return "SIGABRT";
    case SIGKILL:
      return "SIGKILL";
  }
  return "a fatal signal";
}

const char* ChildRun::Cause() const {
  return signal != 0 ? SignalName(signal) : "a sanitizer error";
}

ChildRun RunInChild(absl::FunctionRef<int()> body) {
  ChildRun run;
  std::fflush(nullptr);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    run.exit_code = body();
    return run;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    run.exit_code = body();
    return run;
  }
  if (pid == 0) {
    close(pipe_fds[0]);
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[1]);
    const int code = body();
    std::fflush(nullptr);
    _exit(code);
  }
  close(pipe_fds[1]);
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(pipe_fds[0], buffer, sizeof(buffer));
    if (n <= 0) break;
    run.stderr_text.append(buffer, static_cast<size_t>(n));
    (void)!write(STDERR_FILENO, buffer, static_cast<size_t>(n));
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  if (WIFSIGNALED(status)) {
    run.signal = WTERMSIG(status);
  } else {
    run.exit_code = WEXITSTATUS(status);
  }
  ParseCrashReport(run);
  return run;
}

}  // namespace fc::scenario
