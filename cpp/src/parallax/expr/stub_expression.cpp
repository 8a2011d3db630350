// STUB: a deliberately tiny stand-in for the expression compiler, so views can
// host expression columns before the real compiler lands. It understands a
// column reference `"x"` (same type) and `"x" <op> "y"` / `"x" <op> <number>`
// for + - * / on float columns (float result), after `//` comment lines. Delete this file when the real
// compiler (same contract, expression.h) is merged.
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "parallax/core/error.h"
#include "parallax/expr/expression.h"

namespace parallax::expr {

namespace {

struct Operand {
  std::string column;  // empty: a number
  double number = 0;
};

class StubExpression final : public Expression {
 public:
  StubExpression(DType type, std::vector<std::string> inputs, Operand lhs, char op, Operand rhs)
      : type_(type), inputs_(std::move(inputs)), lhs_(std::move(lhs)), op_(op), rhs_(std::move(rhs)) {}

  DType type() const override { return type_; }
  const std::vector<std::string>& inputs() const override { return inputs_; }
  bool row_local() const override { return true; }

  void evaluate(const ColumnSource& src, const uint32_t* rids, size_t n, Column& out,
                const EvalContext&) const override {
    const Column& a = src.column(lhs_.column);
    if (op_ == 0) {
      for (size_t i = 0; i < n; ++i) {
        if (a.is_valid(rids[i])) out.copy_cell(rids[i], a, rids[i]);
        else out.set_null(rids[i]);
      }
      return;
    }
    const Column* b = rhs_.column.empty() ? nullptr : &src.column(rhs_.column);
    for (size_t i = 0; i < n; ++i) {
      uint32_t r = rids[i];
      if (!a.is_valid(r) || (b && !b->is_valid(r))) {
        out.set_null(r);
        continue;
      }
      double x = a.get<double>(r), y = b ? b->get<double>(r) : rhs_.number, v = 0;
      switch (op_) {
        case '+': v = x + y; break;
        case '-': v = x - y; break;
        case '*': v = x * y; break;
        default:
          if (y == 0) {
            out.set_null(r);
            continue;
          }
          v = x / y;
      }
      out.set<double>(r, v);
    }
  }

 private:
  DType type_;
  std::vector<std::string> inputs_;
  Operand lhs_;
  char op_;  // 0: a plain column reference
  Operand rhs_;
};

/// Skips white space and `// ...` comment lines.
void skip_space(std::string_view s, size_t& i) {
  for (;;) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (s.substr(i, 2) != "//") return;
    size_t nl = s.find('\n', i);
    i = nl == std::string_view::npos ? s.size() : nl + 1;
  }
}

bool parse_operand(std::string_view s, size_t& i, Operand* out) {
  skip_space(s, i);
  if (i < s.size() && s[i] == '"') {
    size_t e = s.find('"', i + 1);
    if (e == std::string_view::npos) return false;
    out->column = std::string(s.substr(i + 1, e - i - 1));
    i = e + 1;
    return true;
  }
  std::string rest(s.substr(i));
  char* end = nullptr;
  out->number = std::strtod(rest.c_str(), &end);
  if (end == rest.c_str()) return false;
  i += size_t(end - rest.c_str());
  return true;
}

std::shared_ptr<const Expression> build(std::string_view text, const FieldLookup& fields, ExprError* error) {
  auto fail = [&](std::string msg) -> std::shared_ptr<const Expression> {
    *error = {std::move(msg), 0, 0};
    return nullptr;
  };
  Operand lhs, rhs;
  size_t i = 0;
  if (!parse_operand(text, i, &lhs) || lhs.column.empty()) return fail("Stub expression: unsupported syntax");
  std::vector<std::string> inputs{lhs.column};
  const Field* lf = fields(lhs.column);
  if (!lf) return fail("Value Error - Input column \"" + lhs.column + "\" does not exist.");
  skip_space(text, i);
  if (i == text.size()) return std::make_shared<StubExpression>(lf->type, inputs, lhs, 0, rhs);
  char op = text[i++];
  if (op != '+' && op != '-' && op != '*' && op != '/') return fail("Stub expression: unsupported syntax");
  if (!parse_operand(text, i, &rhs)) return fail("Stub expression: unsupported syntax");
  skip_space(text, i);
  if (i != text.size()) return fail("Stub expression: unsupported syntax");
  if (!rhs.column.empty()) {
    const Field* rf = fields(rhs.column);
    if (!rf) return fail("Value Error - Input column \"" + rhs.column + "\" does not exist.");
    if (rhs.column != lhs.column) inputs.push_back(rhs.column);
    if (rf->type != DType::Float) return fail("Stub expression: arithmetic on float columns only");
  }
  if (lf->type != DType::Float) return fail("Stub expression: arithmetic on float columns only");
  return std::make_shared<StubExpression>(DType::Float, inputs, lhs, op, rhs);
}

}  // namespace

std::shared_ptr<const Expression> Expression::compile(std::string_view text, const FieldLookup& fields) {
  ExprError error;
  auto e = build(text, fields, &error);
  if (!e) throw_invalid(error.message);
  return e;
}

std::shared_ptr<const Expression> Expression::try_compile(std::string_view text, const FieldLookup& fields,
                                                          ExprError* error) {
  return build(text, fields, error);
}

}  // namespace parallax::expr
