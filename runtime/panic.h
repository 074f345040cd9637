// Runtime panics: the defined failure path for misuse the runtime documents
// (cancel twice, poll after cancel, poll after completion, a return code the
// runtime cannot understand). Mirrors Rust's `panic!` in wit-bindgen.
//
// A panic calls the installed handler, which must not return: the default one
// prints the message and aborts; a test harness installs one that throws so
// it can observe and assert on the panic.
#ifndef FUTURECHECK_RUNTIME_PANIC_H_
#define FUTURECHECK_RUNTIME_PANIC_H_

#include <string>
#include <string_view>

namespace fc::rt {

using PanicHandler = void (*)(std::string_view message);

// Installs `handler` for the calling thread and returns the previous one.
PanicHandler SetPanicHandler(PanicHandler handler);

[[noreturn]] void Panic(std::string_view message);

}  // namespace fc::rt

#endif  // FUTURECHECK_RUNTIME_PANIC_H_
