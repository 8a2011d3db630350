// The engine's one exception type. Every failure the engine reports to a caller
// is a parallax::Error with a kind; the C API maps kinds to status codes and the
// Java layer maps those to typed exceptions. Nothing else may escape the C API.
#pragma once
#include <stdexcept>
#include <string>

namespace parallax {

enum class ErrorKind : int {
  Invalid = 1,   // bad user input: config, data, types, unknown column, bad expression
  State = 2,     // use after delete/close, delete with live views, remove on unindexed
  Parse = 3,     // malformed CSV / JSON / Arrow input
  Internal = 4,  // a bug or resource failure inside the engine
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string msg) : std::runtime_error(std::move(msg)), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

[[noreturn]] inline void throw_invalid(std::string msg) { throw Error(ErrorKind::Invalid, std::move(msg)); }
[[noreturn]] inline void throw_state(std::string msg) { throw Error(ErrorKind::State, std::move(msg)); }
[[noreturn]] inline void throw_parse(std::string msg) { throw Error(ErrorKind::Parse, std::move(msg)); }
[[noreturn]] inline void throw_internal(std::string msg) { throw Error(ErrorKind::Internal, std::move(msg)); }

}  // namespace parallax
