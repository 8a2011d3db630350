#include "parallax/expr/parser.h"

#include <algorithm>
#include <cctype>

#include "parallax/expr/lexer.h"

namespace parallax::expr {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> toks) : t_(std::move(toks)) {}

  NodePtr program() {
    NodePtr root = statements(/*closer=*/"");
    if (peek().kind != TokKind::End) unexpected();
    if (root->kids.empty()) fail("Premature end of expression[1]", peek().pos);
    return root;
  }

 private:
  const Token& peek(size_t k = 0) const { return t_[std::min(i_ + k, t_.size() - 1)]; }
  const Token& next() { return t_[std::min(i_++, t_.size() - 1)]; }
  bool is_sym(const char* s, size_t k = 0) const { return peek(k).kind == TokKind::Symbol && peek(k).text == s; }
  bool is_kw(const char* s, size_t k = 0) const { return peek(k).kind == TokKind::Ident && lower(peek(k).text) == s; }
  void expect(const char* s) {
    if (!is_sym(s)) {
      if (peek().kind == TokKind::End) fail("Premature end of expression[1]", peek().pos);
      fail(std::string("Expected '") + s + "' - got '" + peek().text + "'", peek().pos);
    }
    ++i_;
  }
  [[noreturn]] void unexpected() {
    const Token& t = peek();
    if (t.kind == TokKind::End) fail("Premature end of expression[1]", t.pos);
    fail("Invalid token sequence: '" + t_[i_ > 0 ? i_ - 1 : 0].text + "' and '" + t.text + "'", t.pos);
  }

  /// stmt (';' stmt)* up to `closer` (a symbol) or End. Empty statements are skipped.
  NodePtr statements(const std::string& closer) {
    auto block = std::make_unique<Node>(NodeKind::Block, peek().pos);
    for (;;) {
      if (peek().kind == TokKind::End) break;
      if (!closer.empty() && is_sym(closer.c_str())) break;
      if (is_sym(";")) {
        ++i_;
        continue;
      }
      block->kids.push_back(statement());
      if (is_sym(";")) {
        ++i_;
        continue;
      }
      if (peek().kind == TokKind::End || (!closer.empty() && is_sym(closer.c_str()))) break;
      // ExprTK lets a bracketed control statement run into the next statement
      const Node& last = *block->kids.back();
      if (last.kind == NodeKind::Cond || last.kind == NodeKind::While || last.kind == NodeKind::For ||
          last.kind == NodeKind::Switch)
        continue;
      unexpected();
    }
    return block;
  }

  NodePtr statement() {
    if (is_kw("var")) {
      int pos = next().pos;
      if (peek().kind != TokKind::Ident) fail("Expected a variable name after 'var'", peek().pos);
      auto d = std::make_unique<Node>(NodeKind::VarDecl, peek().pos);
      d->text = lower(next().text);
      if (is_sym("[")) fail("Vectors are not supported by this build: 'var " + d->text + "[...]'", pos);
      if (is_sym(":=")) {
        ++i_;
        d->kids.push_back(expression());
      }
      return d;
    }
    return expression();
  }

  NodePtr expression() {
    if (peek().kind == TokKind::Ident && peek(1).kind == TokKind::Symbol) {
      const std::string& op = peek(1).text;
      if (op == ":=" || op == "+=" || op == "-=" || op == "*=" || op == "/=" || op == "%=") {
        auto a = std::make_unique<Node>(NodeKind::Assign, peek().pos);
        a->text = lower(next().text);
        a->op = next().text;
        a->kids.push_back(expression());
        return a;
      }
    }
    NodePtr c = logical_or();
    if (is_sym("?")) {
      auto n = std::make_unique<Node>(NodeKind::Cond, next().pos);
      n->kids.push_back(std::move(c));
      n->kids.push_back(expression());
      expect(":");
      n->kids.push_back(expression());
      return n;
    }
    return c;
  }

  NodePtr binary(const std::string& op, int pos, NodePtr a, NodePtr b) {
    auto n = std::make_unique<Node>(NodeKind::Binary, pos);
    n->op = op;
    n->kids.push_back(std::move(a));
    n->kids.push_back(std::move(b));
    return n;
  }

  NodePtr logical_or() {
    NodePtr a = logical_and();
    for (;;) {
      std::string op;
      if (is_kw("or") || is_kw("xor") || is_kw("nor") || is_kw("xnor")) op = lower(peek().text);
      else if (is_sym("|")) op = "|";
      else return a;
      int pos = next().pos;
      a = binary(op, pos, std::move(a), logical_and());
    }
  }

  NodePtr logical_and() {
    NodePtr a = relational();
    for (;;) {
      std::string op;
      if (is_kw("and") || is_kw("nand")) op = lower(peek().text);
      else if (is_sym("&")) op = "&";
      else return a;
      int pos = next().pos;
      a = binary(op, pos, std::move(a), relational());
    }
  }

  NodePtr relational() {
    NodePtr a = additive();
    for (;;) {
      if (peek().kind != TokKind::Symbol) return a;
      std::string op = peek().text;
      if (op == "=") op = "==";
      if (op == "<>") op = "!=";
      if (op != "==" && op != "!=" && op != "<" && op != "<=" && op != ">" && op != ">=") return a;
      int pos = next().pos;
      a = binary(op, pos, std::move(a), additive());
    }
  }

  NodePtr additive() {
    NodePtr a = multiplicative();
    while (is_sym("+") || is_sym("-")) {
      std::string op = peek().text;
      int pos = next().pos;
      a = binary(op, pos, std::move(a), multiplicative());
    }
    return a;
  }

  NodePtr multiplicative() {
    NodePtr a = unary();
    while (is_sym("*") || is_sym("/") || is_sym("%")) {
      std::string op = peek().text;
      int pos = next().pos;
      a = binary(op, pos, std::move(a), unary());
    }
    return a;
  }

  NodePtr unary() {
    if (is_sym("-") || is_sym("+")) {
      auto n = std::make_unique<Node>(NodeKind::Unary, peek().pos);
      n->op = next().text;
      n->kids.push_back(unary());
      return n;
    }
    if (is_sym("!")) fail("Premature end of expression[2]", peek().pos);
    return power();
  }

  NodePtr power() {
    NodePtr a = primary();
    if (is_sym("^")) {
      int pos = next().pos;
      return binary("^", pos, std::move(a), unary());
    }
    return a;
  }

  /// A branch of if/else/while/for: a braced statement list or one expression.
  NodePtr branch() {
    if (is_sym("{")) {
      ++i_;
      NodePtr b = statements("}");
      expect("}");
      return b;
    }
    return expression();
  }

  NodePtr if_statement() {
    auto n = std::make_unique<Node>(NodeKind::Cond, next().pos);
    expect("(");
    n->kids.push_back(expression());
    if (is_sym(",")) {  // function form if(c, a, b)
      ++i_;
      n->kids.push_back(expression());
      expect(",");
      n->kids.push_back(expression());
      expect(")");
      return n;
    }
    expect(")");
    n->kids.push_back(branch());
    if (is_sym(";") && is_kw("else", 1)) ++i_;
    if (is_kw("else")) {
      ++i_;
      if (is_kw("if")) n->kids.push_back(if_statement());
      else n->kids.push_back(branch());
    }
    return n;
  }

  NodePtr switch_statement() {
    auto n = std::make_unique<Node>(NodeKind::Switch, next().pos);
    expect("{");
    bool has_default = false;
    while (!is_sym("}")) {
      if (is_kw("case")) {
        ++i_;
        n->kids.push_back(expression());
        expect(":");
        n->kids.push_back(branch());
        if (is_sym(";")) ++i_;
      } else if (is_kw("default")) {
        ++i_;
        expect(":");
        n->kids.push_back(branch());
        if (is_sym(";")) ++i_;
        has_default = true;
        break;
      } else {
        unexpected();
      }
    }
    if (!has_default) fail("Expected 'default' in switch statement", peek().pos);
    expect("}");
    return n;
  }

  NodePtr while_statement() {
    auto n = std::make_unique<Node>(NodeKind::While, next().pos);
    expect("(");
    n->kids.push_back(expression());
    expect(")");
    n->kids.push_back(branch());
    return n;
  }

  NodePtr for_statement() {
    auto n = std::make_unique<Node>(NodeKind::For, next().pos);
    expect("(");
    n->kids.push_back(is_sym(";") ? std::make_unique<Node>(NodeKind::Block, peek().pos) : statement());
    expect(";");
    n->kids.push_back(expression());
    expect(";");
    n->kids.push_back(is_sym(")") ? std::make_unique<Node>(NodeKind::Block, peek().pos) : expression());
    expect(")");
    n->kids.push_back(branch());
    return n;
  }

  NodePtr primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokKind::End: fail("Premature end of expression[1]", t.pos);
      case TokKind::Number: {
        auto n = std::make_unique<Node>(NodeKind::Number, t.pos);
        n->num = next().num;
        return n;
      }
      case TokKind::String: {
        auto n = std::make_unique<Node>(NodeKind::String, t.pos);
        n->text = next().text;
        n->raw_string = true;
        return n;
      }
      case TokKind::Symbol: {
        if (t.text == "(" || t.text == "[" || t.text == "{") {
          std::string close = t.text == "(" ? ")" : t.text == "[" ? "]" : "}";
          ++i_;
          NodePtr b = statements(close);
          expect(close.c_str());
          if (b->kids.empty()) fail("Premature end of expression[1]", t.pos);
          if (b->kids.size() == 1) return std::move(b->kids[0]);
          return b;
        }
        unexpected();
      }
      case TokKind::Ident: break;
    }
    std::string name = lower(t.text);
    if (name == "if") return if_statement();
    if (name == "switch") return switch_statement();
    if (name == "while") return while_statement();
    if (name == "for") return for_statement();
    if (name == "repeat" || name == "until" || name == "break" || name == "continue" || name == "return" ||
        name == "else" || name == "case" || name == "default" || name == "var" || name == "swap" || name == "in" ||
        name == "like" || name == "ilike" || name == "and" || name == "or" || name == "xor" || name == "nand" ||
        name == "nor" || name == "xnor")
      fail("Invalid use of reserved symbol '" + name + "'", t.pos);
    int pos = next().pos;
    if (name == "intern" && is_sym("(") && peek(1).kind == TokKind::String && is_sym(")", 2)) {
      auto n = std::make_unique<Node>(NodeKind::String, peek(1).pos);
      n->text = peek(1).text;
      i_ += 3;
      return n;
    }
    if (is_sym("(")) {
      auto call = std::make_unique<Node>(NodeKind::Call, pos);
      call->text = name;
      ++i_;
      if (is_sym(")")) {
        call->close_pos = peek().pos;
        ++i_;
        call->end_pos = peek().pos;
        return call;
      }
      for (;;) {
        call->kids.push_back(expression());
        if (is_sym(",")) {
          ++i_;
          continue;
        }
        call->close_pos = peek().pos;
        expect(")");
        break;
      }
      call->end_pos = peek().pos;
      return call;
    }
    if (is_sym("[")) fail("Vectors are not supported by this build: '" + name + "[...]'", pos);
    auto v = std::make_unique<Node>(NodeKind::Var, pos);
    v->text = name;
    v->op = t_[size_t(i_ - 1)].text;  // spelling, for diagnostics
    return v;
  }

  std::vector<Token> t_;
  size_t i_ = 0;
};

}  // namespace

NodePtr parse(std::string_view preprocessed) { return Parser(tokenize(preprocessed)).program(); }

}  // namespace parallax::expr
