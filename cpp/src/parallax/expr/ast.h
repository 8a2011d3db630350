// The parsed form of an expression (after preprocess()): a plain tree owned
// by its root. Positions are byte offsets into the preprocessed text.
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace parallax::expr {

enum class NodeKind : uint8_t {
  Number,    // num
  String,    // text: intern('...') or a raw pattern literal ('...' after un-interning)
  Bool,      // num = 0 / 1 (True / False)
  Column,    // text = column name
  Var,       // text = local name
  Unary,     // op in {"-", "+"}; kids[0]
  Binary,    // op: + - * / % ^ == != < <= > >= and or xor nand nor xnor & |
  Call,      // text = function name; kids = arguments
  Cond,      // kids = {cond, then, else?} (if/else and ?:)
  Switch,    // kids = {c1, v1, c2, v2, ..., default}
  Block,     // kids = statements; value of the last
  VarDecl,   // text = name; kids = {init?}
  Assign,    // text = name; op in {":=", "+=", "-=", "*=", "/=", "%="}; kids[0]
  While,     // kids = {cond, body}
  For,       // kids = {init, cond, step, body} (each may be an empty Block)
};

struct Node {
  NodeKind kind;
  int pos = 0;
  double num = 0;
  std::string text;
  std::string op;
  int close_pos = 0;  // Call: position of its ')'
  int end_pos = 0;    // Call: position of the token after ')'
  bool raw_string = false;  // String: a raw literal (regex pattern position), not intern()
  std::vector<std::unique_ptr<Node>> kids;

  Node(NodeKind k, int p) : kind(k), pos(p) {}
};
using NodePtr = std::unique_ptr<Node>;

}  // namespace parallax::expr
