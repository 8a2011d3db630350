#include "parallax/expr/lexer.h"

#include <cctype>
#include <cstdlib>

namespace parallax::expr {
namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

char unescape(char c) {
  switch (c) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    case '0': return '\0';
    default: return c;
  }
}

bool is_operand(const Token& t) { return t.kind == TokKind::Number || t.kind == TokKind::String; }
bool is_binary_only(const Token& t) {
  if (t.kind != TokKind::Symbol) return false;
  const std::string& s = t.text;
  return s == "*" || s == "/" || s == "%" || s == "^" || s == "<" || s == ">" || s == "<=" || s == ">=" ||
         s == "==" || s == "=" || s == "!=" || s == "<>";
}
bool is_operator(const Token& t) { return is_binary_only(t) || (t.kind == TokKind::Symbol && (t.text == "+" || t.text == "-")); }

void check_brackets(const std::vector<Token>& toks) {
  std::vector<const Token*> stack;
  for (const Token& t : toks) {
    if (t.kind != TokKind::Symbol) continue;
    const std::string& s = t.text;
    if (s == "(" || s == "[" || s == "{") {
      stack.push_back(&t);
    } else if (s == ")" || s == "]" || s == "}") {
      char open = s == ")" ? '(' : s == "]" ? '[' : '{';
      if (stack.empty() || stack.back()->text[0] != open) fail("Mismatched brackets: '" + s + "'", t.pos);
      stack.pop_back();
    }
  }
  if (!stack.empty()) {
    char o = stack.back()->text[0];
    std::string close(1, o == '(' ? ')' : o == '[' ? ']' : '}');
    fail("Mismatched brackets: '" + close + "'", stack.back()->pos);
  }
}

const std::string& spelling(const Token& t) { return t.text; }

void check_sequences(const std::vector<Token>& toks) {
  for (size_t i = 0; i + 1 < toks.size(); ++i) {
    const Token& a = toks[i];
    const Token& b = toks[i + 1];
    bool bad = (is_operand(a) && is_operand(b)) || (is_operator(a) && is_binary_only(b));
    if (bad) fail("Invalid token sequence: '" + spelling(a) + "' and '" + spelling(b) + "'", a.pos);
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i < n && s[i] != '\n') ++i;
      continue;
    }
    if (c == '#') {
      while (i < n && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      size_t e = s.find("*/", i + 2);
      i = e == std::string_view::npos ? n : e + 2;
      continue;
    }
    int pos = int(i);
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      while (j < n && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      if (j < n && s[j] == '.') {
        ++j;
        while (j < n && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      }
      if (j < n && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < n && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < n && std::isdigit(static_cast<unsigned char>(s[k]))) {
          while (k < n && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
          j = k;
        }
      }
      std::string lit(s.substr(i, j - i));
      out.push_back({TokKind::Number, pos, lit, std::strtod(lit.c_str(), nullptr)});
      i = j;
      continue;
    }
    if (ident_start(c)) {
      size_t j = i;
      while (j < n && ident_char(s[j])) ++j;
      out.push_back({TokKind::Ident, pos, std::string(s.substr(i, j - i))});
      i = j;
      continue;
    }
    if (c == '\'') {
      std::string v;
      size_t j = i + 1;
      bool closed = false;
      while (j < n) {
        if (s[j] == '\\' && j + 1 < n) {
          v += unescape(s[j + 1]);
          j += 2;
          continue;
        }
        if (s[j] == '\'') {
          closed = true;
          break;
        }
        v += s[j++];
      }
      if (!closed) fail("Invalid string token: " + std::string(s.substr(i + 1)), pos + 1);
      out.push_back({TokKind::String, pos, v});
      i = j + 1;
      continue;
    }
    static const char* kTwo[] = {":=", "+=", "-=", "*=", "/=", "%=", "<=", ">=", "==", "!=", "<>"};
    bool two = false;
    for (const char* t : kTwo) {
      if (i + 1 < n && s[i] == t[0] && s[i + 1] == t[1]) {
        out.push_back({TokKind::Symbol, pos, std::string(t)});
        i += 2;
        two = true;
        break;
      }
    }
    if (two) continue;
    if (std::string_view("+-*/%^()[]{},;:?<>=&|!").find(c) != std::string_view::npos) {
      out.push_back({TokKind::Symbol, pos, std::string(1, c)});
      ++i;
      continue;
    }
    fail("General token error: " + std::string(s.substr(i, 2)), pos);
  }
  out.push_back({TokKind::End, int(n), ""});
  check_brackets(out);
  check_sequences(out);
  return out;
}

}  // namespace parallax::expr
