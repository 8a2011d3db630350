// The compiler's internal error: a reference message and a byte offset in the
// preprocessed text (-1: no position, reported as line 0, column 0).
#pragma once
#include <string>

namespace parallax::expr {

struct CompileError {
  std::string message;
  int pos = -1;
};

[[noreturn]] inline void fail(std::string message, int pos = -1) { throw CompileError{std::move(message), pos}; }
/// The reference's message for an expression whose type does not resolve.
[[noreturn]] inline void type_error() { fail("Type Error - inputs do not resolve to a valid expression."); }

}  // namespace parallax::expr
