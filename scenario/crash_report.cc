#include "scenario/crash_report.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "scenario/child_run.h"
#include "scenario/findings.h"

namespace fc::scenario {
namespace {

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
struct sigaction g_previous[NSIG];
// Per thread: the explorer may run sessions on several, and a fault is
// handled on the thread that made it.
thread_local const CrashContext* g_running = nullptr;
// One report per process: the first thread to fault writes it and ends the
// process; another thread that faults meanwhile (the explorer's threads
// run alike paths) waits for that instead of cutting the report short.
std::atomic<int> g_reporting{0};
thread_local bool t_reporter = false;

// True when this thread is to report (or is reporting already and faulted
// again); a thread that lost the race waits here for the process to end.
bool ClaimReport() {
  if (t_reporter) return false;
  if (g_reporting.exchange(1) != 0) {
    for (;;) pause();
  }
  t_reporter = true;
  return true;
}

void WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// mkdir -p: the findings folder may not exist yet.
void MakeDirs(const std::string& path) {
  for (size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1)) {
    mkdir(path.substr(0, at).c_str(), 0755);
  }
  mkdir(path.c_str(), 0755);
}

bool WriteFileAt(const std::string& path, const std::string& text) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return false;
  WriteAll(fd, text);
  return close(fd) == 0;
}

void Report(const std::string& cause) {
  size_t actions = 0;
  const std::string scenario = g_running->describe(g_running->self, &actions);
  // A finding of its own in the findings folder (findings.h), named the way
  // the other drivers name theirs.
  const std::string dir = FindingsDir() + "/" + FindingName("no-crash", scenario);
  MakeDirs(dir);
  const std::string path = dir + "/scenario.txt";
  std::string out = absl::StrFormat(
      "futurecheck: the runtime crashed (%s) running the scenario below\n"
      "futurecheck: invariant: no-crash\n"
      "futurecheck: scenario (%u actions)%s\n%s",
      cause, actions, absl::StrCat(" saved to ", path), scenario);
  absl::StrAppendFormat(&out,
                        "futurecheck: replay it against the same runtime build with\n"
                        "  repro --from-scenario=%s\n"
                        "  (//fuzz:repro, or //fuzz:repro_<bug> for a bug-zoo runtime)\n",
                        path);
  const bool saved =
      WriteFileAt(dir + "/report.txt", out) &&
      WriteFileAt(dir + "/found-by.txt",
                  absl::StrFormat("driver: the crash reporter (the process died: %s)\n"
                                  "invariant: no-crash\nactions: %u\n"
                                  "replay: repro --from-scenario=%s\n",
                                  cause, actions, path)) &&
      WriteFileAt(path, scenario);
  if (!saved)
    absl::StrAppend(&out, "futurecheck: (the scenario could not be saved to ", dir, ")\n");
  WriteAll(STDERR_FILENO, out);
}

void OnSignal(int sig, siginfo_t* info, void* ucontext) {
  if (ClaimReport() && g_running != nullptr) Report(SignalName(sig));
  // Hand the signal on: restore whoever had it before and let it fire again
  // (a fault re-faults on return; a sent signal is raised anew).
  sigaction(sig, &g_previous[sig], nullptr);
  const struct sigaction& previous = g_previous[sig];
  if ((previous.sa_flags & SA_SIGINFO) != 0 && previous.sa_sigaction != nullptr) {
    previous.sa_sigaction(sig, info, ucontext);
    return;
  }
  if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN &&
      previous.sa_handler != nullptr) {
    previous.sa_handler(sig);
    return;
  }
  if (info == nullptr || info->si_code <= 0 || sig == SIGABRT) raise(sig);
}

}  // namespace

void InstallCrashReporter() {
  static const bool installed = [] {
    for (int sig : kSignals) {
      struct sigaction action;
      std::memset(&action, 0, sizeof(action));
      action.sa_sigaction = &OnSignal;
      action.sa_flags = SA_SIGINFO | SA_ONSTACK;
      sigemptyset(&action.sa_mask);
      sigaction(sig, &action, &g_previous[sig]);
    }
    return true;
  }();
  (void)installed;
}

CrashScope::CrashScope(const CrashContext& context) : outer_(g_running) { g_running = &context; }

CrashScope::~CrashScope() { g_running = outer_; }

}  // namespace fc::scenario

// A sanitizer (ASan, UBSan) that finds an error in a run prints its summary
// through this weak hook of the sanitizer runtimes, then ends the process
// without a signal the handlers above would see: report the scenario here.
// Outside sanitizer builds nothing calls it.
extern "C" __attribute__((visibility("default"))) void __sanitizer_report_error_summary(
    const char* summary) {
  fc::scenario::WriteAll(STDERR_FILENO, std::string(summary) + "\n");
  if (fc::scenario::ClaimReport() && fc::scenario::g_running != nullptr) {
    std::string cause = summary;
    const std::string prefix = "SUMMARY: ";
    if (cause.compare(0, prefix.size(), prefix) == 0) cause = cause.substr(prefix.size());
    fc::scenario::Report(cause);
  }
}
