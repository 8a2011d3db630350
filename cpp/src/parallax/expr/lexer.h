// Tokeniser for ExprTK's syntax as Perspective configures it. Pure; thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "parallax/expr/diagnostic.h"

namespace parallax::expr {

enum class TokKind : uint8_t { Number, Ident, String, Symbol, End };

struct Token {
  TokKind kind;
  int pos;
  std::string text;  // Ident / Symbol spelling, String contents (escapes resolved)
  double num = 0;
};

/// Splits `text` into tokens ending with an End token; runs ExprTK's bracket
/// and token-sequence checks. Throws CompileError with the reference's message.
std::vector<Token> tokenize(std::string_view text);

}  // namespace parallax::expr
