// The runtime under test as the harness sees one channel: the writer and
// reader ends of a future or stream, the operations started on them, and
// what those report, all in the oracle's vocabulary (payload kinds,
// instrumented payload values, counts). Nothing here names a runtime type:
// an adapter (adapters/*) implements these classes over its runtime.
//
// Ownership follows the runtimes being modelled (wit-bindgen's
// FutureWriter / FutureWrite and friends): starting an operation moves the
// end into it (the end object is left empty, and destroying it does
// nothing); finishing or cancelling hands the end back. Destroying an end
// or operation is the guest dropping it, and may call the host (a
// drop-writable, a cancel of a copy in flight) or panic: every destructor
// here is noexcept(false).
#ifndef FUTURECHECK_SUT_CHANNEL_ENDS_H_
#define FUTURECHECK_SUT_CHANNEL_ENDS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "model/any_payload.h"
#include "runtime/abi.h"
#include "runtime/return_code.h"

namespace fc::sut {

using model::AnyPayload;
using rt::Handle;

// Where an operation stands, as the runtime reports it (inspection: it
// decides whether polling it again must panic, and feeds state signatures).
enum class OpState { kNotStarted, kInProgress, kDone, kCancelled };

// How a stream copy ended: the return code's result field, as the host seam
// (runtime/return_code.h, the canonical ABI's codes) names it.
using rt::CopyResult;
using rt::CopyResultName;

class FutureWriter;
class FutureReader;
class StreamWriter;
class StreamReader;

// A finished future write: `written` when the reader took the value;
// otherwise the reader was dropped first and `value` is the value back.
struct FutureWriteOutcome {
  bool written = false;
  std::optional<AnyPayload> value;
};

// What cancelling a future write reports.
struct FutureWriteCancel {
  enum class Kind { kAlreadySent, kDropped, kCancelled };
  Kind kind = Kind::kAlreadySent;
  std::optional<AnyPayload> value;       // kDropped, kCancelled
  std::unique_ptr<FutureWriter> writer;  // kCancelled: may write again
};

// What cancelling a future read reports.
struct FutureReadCancel {
  enum class Kind { kReady, kCancelled };
  Kind kind = Kind::kCancelled;
  std::optional<AnyPayload> value;       // kReady: the read raced to completion
  std::unique_ptr<FutureReader> reader;  // kCancelled: may read again
};

// A finished or cancelled stream write: how many elements the reader took,
// the rest handed back in order, and the writer (may write again; empty
// when a task keeps it).
struct StreamWriteResult {
  CopyResult result = CopyResult::kCompleted;
  uint32_t sent = 0;
  std::vector<AnyPayload> unsent;
  std::unique_ptr<StreamWriter> writer;
};

// A finished or cancelled stream read: exactly the elements copied, and the
// reader (empty when a task keeps it).
struct StreamReadResult {
  CopyResult result = CopyResult::kCompleted;
  std::vector<AnyPayload> values;
  std::unique_ptr<StreamReader> reader;
};

// Polls below are the guest polling by hand, with a no-op waker.
class FutureWrite {
 public:
  virtual ~FutureWrite() noexcept(false) = default;
  virtual OpState state() const = 0;
  virtual std::optional<FutureWriteOutcome> Poll() = 0;
  virtual FutureWriteCancel Cancel() = 0;
};

class FutureRead {
 public:
  virtual ~FutureRead() noexcept(false) = default;
  virtual OpState state() const = 0;
  virtual std::optional<AnyPayload> Poll() = 0;
  virtual FutureReadCancel Cancel() = 0;
};

class StreamWrite {
 public:
  virtual ~StreamWrite() noexcept(false) = default;
  virtual OpState state() const = 0;
  virtual std::optional<StreamWriteResult> Poll() = 0;
  virtual StreamWriteResult Cancel() = 0;
};

// Writes every value, copy after copy, until all are sent or the reader is
// gone. It cannot be cancelled, only dropped (which cancels the copy in
// flight); once it reported it is finished and cannot be polled again.
class StreamWriteAll {
 public:
  virtual ~StreamWriteAll() noexcept(false) = default;
  virtual std::optional<StreamWriteResult> Poll() = 0;
};

class StreamRead {
 public:
  virtual ~StreamRead() noexcept(false) = default;
  virtual OpState state() const = 0;
  virtual std::optional<StreamReadResult> Poll() = 0;
  virtual StreamReadResult Cancel() = 0;
};

// Dropping a writer that never wrote makes the runtime write its default
// value (the value of serial 0 of its payload kind).
class FutureWriter {
 public:
  virtual ~FutureWriter() noexcept(false) = default;
  virtual Handle handle() const = 0;
  // Moves this end into a write of `value`.
  virtual std::unique_ptr<FutureWrite> Write(AnyPayload value) = 0;
};

class FutureReader {
 public:
  virtual ~FutureReader() noexcept(false) = default;
  virtual Handle handle() const = 0;
  virtual std::unique_ptr<FutureRead> Read() = 0;
};

class StreamWriter {
 public:
  virtual ~StreamWriter() noexcept(false) = default;
  virtual Handle handle() const = 0;
  virtual std::unique_ptr<StreamWrite> Write(std::vector<AnyPayload> values) = 0;
  virtual std::unique_ptr<StreamWriteAll> WriteAll(std::vector<AnyPayload> values) = 0;
};

class StreamReader {
 public:
  virtual ~StreamReader() noexcept(false) = default;
  virtual Handle handle() const = 0;
  virtual std::unique_ptr<StreamRead> Read(uint32_t capacity) = 0;
};

}  // namespace fc::sut

#endif  // FUTURECHECK_SUT_CHANNEL_ENDS_H_
