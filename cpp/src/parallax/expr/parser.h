// Recursive-descent parser for the ExprTK subset Perspective accepts.
// Pure; thread-safe.
#pragma once
#include <string_view>

#include "parallax/expr/ast.h"

namespace parallax::expr {

/// Parses preprocessed text into a Block of statements. Throws CompileError.
NodePtr parse(std::string_view preprocessed);

}  // namespace parallax::expr
