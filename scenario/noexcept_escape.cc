#include "scenario/noexcept_escape.h"

#include <cxxabi.h>

#include <csetjmp>
#include <cstdlib>
#include <utility>

namespace fc::scenario {
namespace {

thread_local std::jmp_buf* t_escape = nullptr;
thread_local std::exception_ptr t_escaped;
std::terminate_handler g_previous = nullptr;

[[noreturn]] void OnTerminate() {
  if (t_escape != nullptr) {
    std::exception_ptr current = std::current_exception();
    if (current) {
      t_escaped = std::move(current);
      // std::terminate was entered from a catch-all that began handling the
      // exception; end that handler (t_escaped keeps the exception alive) so
      // the thread's caught-exception stack is as before, then go back.
      abi::__cxa_end_catch();
      std::longjmp(*t_escape, 1);
    }
  }
  if (g_previous != nullptr) g_previous();
  std::abort();
}

// Arms (and on any exit disarms) one escape point.
struct EscapeScope {
  EscapeScope() : outer(t_escape) {
    static const bool installed = [] {
      g_previous = std::set_terminate(&OnTerminate);
      return true;
    }();
    (void)installed;
    t_escape = &buf;
  }
  ~EscapeScope() { t_escape = outer; }
  EscapeScope(const EscapeScope&) = delete;
  EscapeScope& operator=(const EscapeScope&) = delete;

  std::jmp_buf buf;
  std::jmp_buf* outer;
};

}  // namespace

std::exception_ptr RunEscapable(absl::FunctionRef<void()> body) {
  EscapeScope scope;
  if (setjmp(scope.buf) == 0) {
    body();
    return nullptr;
  }
  return std::exchange(t_escaped, nullptr);
}

}  // namespace fc::scenario
