#include "runtime/panic.h"

#include <cstdio>
#include <cstdlib>

namespace fc::rt {
namespace {

[[noreturn]] void AbortingHandler(std::string_view message) {
  std::fprintf(stderr, "futurecheck runtime panic: %.*s\n", static_cast<int>(message.size()),
               message.data());
  std::abort();
}

thread_local PanicHandler current_handler = &AbortingHandler;

}  // namespace

PanicHandler SetPanicHandler(PanicHandler handler) {
  PanicHandler previous = current_handler;
  current_handler = handler != nullptr ? handler : &AbortingHandler;
  return previous;
}

void Panic(std::string_view message) {
  current_handler(message);
  // A handler that returns would let the caller run on in a broken state.
  AbortingHandler(message);
}

}  // namespace fc::rt
