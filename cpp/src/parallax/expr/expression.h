// Perspective expressions (ExprTK syntax plus Perspective's functions): the
// contract between the expression compiler (parse, type, evaluate) and the
// views that host expression columns.
//
// An Expression is compiled once against the input schema and is immutable
// afterwards: evaluate() is const and may run on several threads at once (it
// keeps its scratch space per call). It reads its input columns by name
// through a ColumnSource, so it knows nothing of tables, views or Java.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parallax/core/column.h"
#include "parallax/core/types.h"
#include "parallax/view/column_source.h"

namespace parallax::expr {

/// Why an expression does not compile: the reference's message text
/// (e.g. "Undefined symbol: 'foo'", "Type Error - inputs do not resolve to a
/// valid expression.") and, as `validate_expressions` reports them, the
/// 0-based line and column of the fault (0, 0 when the reference gives none).
struct ExprError {
  std::string message;
  int line = 0;
  int column = 0;
};

/// Finds an input column's field by name; nullptr when there is none.
using FieldLookup = std::function<const Field*(std::string_view name)>;

/// What evaluation may need besides the input columns. One per batch, so
/// that every row of one update sees the same now()/today().
struct EvalContext {
  int64_t now_ms = 0;  // now(), today(): ms since the epoch, UTC
  /// index(): writes the primary key of `rid` into out[out_row] (Table::pkey_of).
  std::function<void(uint32_t rid, Column& out, size_t out_row)> pkey_of;
  DType pkey_type = DType::Integer;
};

class Expression {
 public:
  virtual ~Expression() = default;

  /// Parses and types `text`. Throws parallax::Error(ErrorKind::Invalid) with
  /// the reference's message when it does not compile.
  static std::shared_ptr<const Expression> compile(std::string_view text, const FieldLookup& fields);
  /// The same, without throwing: nullptr and `*error` filled on failure.
  static std::shared_ptr<const Expression> try_compile(std::string_view text, const FieldLookup& fields,
                                                       ExprError* error);

  /// The result column's type (expression_schema()).
  virtual DType type() const = 0;
  /// Integer results only: true when values may exceed int32 (trunc(), or an
  /// int64 input column), so `out` should be a wide Integer column. evaluate()
  /// writes through Column::set_int either way (narrow columns truncate).
  virtual bool wide() const { return false; }
  /// Input column names read, each once, in order of first use.
  virtual const std::vector<std::string>& inputs() const = 0;
  /// False when a row's value depends on more than that row's input cells
  /// (random(), now(), today(), vlookup()): such columns must not be
  /// reused across views or assumed unchanged for untouched rows.
  virtual bool row_local() const = 0;

  /// Evaluates rows rids[0..n): reads input cells at those rids from `src`
  /// and writes cell `rid` of `out` (type(), already sized beyond every rid).
  /// Null results are written as nulls of the kind the reference gives them.
  virtual void evaluate(const ColumnSource& src, const uint32_t* rids, size_t n, Column& out,
                        const EvalContext& ctx) const = 0;
};

}  // namespace parallax::expr
