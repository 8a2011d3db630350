#include "parallax/expr/compiler.h"

#include <cmath>
#include <functional>

#include "parallax/expr/kernels.h"

namespace parallax::expr {
namespace {

bool contains_assign(const Node* n) {
  if (!n) return false;
  if (n->kind == NodeKind::Assign || n->kind == NodeKind::While || n->kind == NodeKind::For) return true;
  for (const auto& k : n->kids)
    if (contains_assign(k.get())) return true;
  return false;
}

VT vt_of(const Field& f) {
  switch (f.type) {
    case DType::Boolean: return VT::Bool;
    case DType::Integer: return f.wide ? VT::I64 : VT::I32;
    case DType::Float: return VT::F64;
    case DType::String: return VT::Str;
    case DType::Date: return VT::Date;
    case DType::Datetime: return VT::Time;
  }
  return VT::None;
}

}  // namespace

Compiler::Compiler(Program& prog, const FieldLookup& fields,
                   const std::unordered_map<std::string, std::string>& column_ids)
    : prog_(prog), fields_(fields), column_ids_(column_ids) {
  scopes_.emplace_back();
}

int Compiler::new_reg(VT t) {
  RegInfo info;
  info.type = t;
  info_.push_back(std::move(info));
  prog_.reg_types.push_back(t);
  return int(info_.size() - 1);
}

int Compiler::emit(Kernel fn, VT out, const std::vector<int>& in, double num, int64_t ival,
                   std::shared_ptr<const KernelData> data) {
  Instr I;
  I.fn = fn;
  I.in = in;
  for (int r : in) I.tin.push_back(type(r));
  I.tout = out;
  I.num = num;
  I.ival = ival;
  I.data = std::move(data);
  bool konst = !in.empty();
  for (int r : in) konst = konst && info(r).konst;
  if (fn == kernels::fill_f64 || fn == kernels::fill_bool || fn == kernels::fill_str || fn == kernels::fill_null)
    konst = true;
  I.out = new_reg(out);
  info_[size_t(I.out)].konst = konst;
  (konst ? prog_.init : prog_.body).push_back(std::move(I));
  return int(info_.size() - 1);
}

int Compiler::const_f64(double v) {
  int r = emit(kernels::fill_f64, VT::F64, {}, v);
  info_[size_t(r)].num = v;
  return r;
}

int Compiler::const_str(const std::string& s) {
  int r = emit(kernels::fill_str, VT::Str, {}, 0, 0, std::make_shared<StrData>(s));
  info_[size_t(r)].str = s;
  return r;
}

int Compiler::const_bool(bool v) {
  int r = emit(kernels::fill_bool, VT::Bool, {}, 0, v ? 1 : 0);
  info_[size_t(r)].num = v ? 1 : 0;
  return r;
}

int Compiler::const_null(VT t) {
  int r = emit(kernels::fill_null, t, {});
  info_[size_t(r)].null_const = true;
  return r;
}

int Compiler::to_f64(int r) {
  if (type(r) == VT::F64) return r;
  return emit(kernels::to_f64, VT::F64, {r});
}

int Compiler::load_column(const std::string& name, int pos) {
  const Field* f = fields_(name);
  if (!f) fail("Value Error - Input column \"" + name + "\" does not exist.");
  size_t idx = 0;
  while (idx < prog_.columns.size() && prog_.columns[idx] != name) ++idx;
  if (idx == prog_.columns.size()) prog_.columns.push_back(name);
  for (const Instr& I : prog_.loads)
    if (I.column == int(idx)) return I.out;
  Instr I;
  I.fn = kernels::load;
  I.tout = vt_of(*f);
  I.column = int(idx);
  I.out = new_reg(I.tout);
  info_[size_t(I.out)].variable = true;
  if (I.tout == VT::I64) wide_ = true;
  prog_.loads.push_back(I);
  return I.out;
}

int Compiler::compile_root(const Node& root) {
  for (const auto& [id, name] : column_ids_)
    if (!fields_(name)) fail("Value Error - Input column \"" + name + "\" does not exist.");
  int r = node(root);
  if (type(r) == VT::None) type_error();
  return r;
}

int Compiler::node(const Node& n) {
  switch (n.kind) {
    case NodeKind::Number: return const_f64(n.num);
    case NodeKind::String: {
      int r = const_str(n.text);
      info_[size_t(r)].raw_literal = n.raw_string;
      return r;
    }
    case NodeKind::Bool: return const_bool(n.num != 0);
    case NodeKind::Column: return load_column(n.text, n.pos);
    case NodeKind::Var: return identifier(n);
    case NodeKind::Unary: return unary(n);
    case NodeKind::Binary: return binary(n);
    case NodeKind::Call: return call(n);
    case NodeKind::Cond: return cond(n);
    case NodeKind::Switch: return switch_node(n);
    case NodeKind::Block: return block(n);
    case NodeKind::VarDecl: return var_decl(n);
    case NodeKind::Assign: return assign(n);
    case NodeKind::While: return loop(nullptr, *n.kids[0], nullptr, *n.kids[1]);
    case NodeKind::For: return loop(n.kids[0].get(), *n.kids[1], n.kids[2].get(), *n.kids[3]);
  }
  fail("Parser Error");
}

int Compiler::block(const Node& n) {
  int r = -1;
  for (const auto& k : n.kids) r = node(*k);
  if (r < 0) r = const_null(VT::F64);
  return r;
}

int Compiler::identifier(const Node& n) {
  const std::string& name = n.text;
  if (int* v = find_var(name)) return *v;
  auto col = column_ids_.end();
  for (auto it = column_ids_.begin(); it != column_ids_.end(); ++it) {
    std::string id = it->first;
    for (char& ch : id) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (id == name) col = it;
  }
  if (col != column_ids_.end()) return load_column(col->second, n.pos);
  if (name == "true") return const_bool(true);
  if (name == "false") return const_bool(false);
  if (name == "pi") return const_f64(M_PI);
  if (name == "inf") return const_f64(INFINITY);
  if (name == "epsilon") return const_f64(0.0000000001);
  fail("Undefined symbol: '" + n.op + "'", n.pos);
}

int* Compiler::find_var(const std::string& name) {
  for (auto s = scopes_.rbegin(); s != scopes_.rend(); ++s) {
    auto it = s->find(name);
    if (it != s->end()) return &it->second;
  }
  return nullptr;
}

int Compiler::unary(const Node& n) {
  int a = node(*n.kids[0]);
  VT t = type(a);
  if (!is_numeric(t)) type_error();
  if (n.op == "-") {
    if (info(a).num) return const_f64(-*info(a).num);
    return emit(kernels::negate, t, {a});
  }
  return emit(kernels::positive, t, {a});
}

int Compiler::binary(const Node& n) {
  const std::string& op = n.op;
  if (op == "&" || op == "|")
    fail("The operator '" + op + "' is not supported by this build (use 'and' / 'or')", n.pos);
  int a = node(*n.kids[0]);
  int b = node(*n.kids[1]);
  VT ta = type(a), tb = type(b);
  if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%" || op == "^") {
    if (!is_numeric(ta) || !is_numeric(tb)) type_error();
    const RegInfo& A = info(a);
    const RegInfo& B = info(b);
    // ExprTK's rewrites of a variable combined with a literal
    if (op == "*") {
      if (A.variable && B.num && *B.num == 1) return a;
      if (B.variable && A.num && *A.num == 1) return b;
      if ((A.variable && B.num && *B.num == 0) || (B.variable && A.num && *A.num == 0)) return const_f64(0);
    }
    if (op == "+") {
      if (A.variable && B.num && *B.num == 0) return a;
      if (B.variable && A.num && *A.num == 0) return b;
    }
    if (op == "/") {
      if (A.variable && B.num && *B.num == 1) return a;
      if (A.variable && B.num && *B.num == 0) type_error();
    }
    if (A.num && B.num) {
      double x = *A.num, y = *B.num;
      if ((op == "/" || op == "%") && y == 0) return const_null(VT::F64);
      double v = op == "+" ? x + y : op == "-" ? x - y : op == "*" ? x * y : op == "/" ? x / y
               : op == "%" ? std::fmod(x, y) : std::pow(x, y);
      return const_f64(v);
    }
    Kernel k = op == "+" ? kernels::add : op == "-" ? kernels::sub : op == "*" ? kernels::mul
             : op == "/" ? kernels::div : op == "%" ? kernels::mod : kernels::pow;
    int fa = to_f64(a), fb = to_f64(b);
    return emit(k, VT::F64, {fa, fb});
  }
  if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") {
    if (ta == VT::None || tb == VT::None) type_error();
    if (ta != tb) {  // the reference compares the type tags
      int x = int(ta), y = int(tb);
      bool r = op == "==" ? false : op == "!=" ? true : op == "<" ? x < y : op == "<=" ? x <= y
             : op == ">" ? x > y : x >= y;
      return const_bool(r);
    }
    Kernel k = op == "==" ? kernels::eq : op == "!=" ? kernels::ne : op == "<" ? kernels::lt
             : op == "<=" ? kernels::le : op == ">" ? kernels::gt : kernels::ge;
    return emit(k, VT::Bool, {a, b});
  }
  // and or xor nand nor xnor: the reference's as_bool() of each side
  if (ta == VT::None || tb == VT::None) type_error();
  int code = op == "and" ? 0 : op == "or" ? 1 : op == "xor" ? 2 : op == "nand" ? 3 : op == "nor" ? 4 : 5;
  int ba = emit(kernels::as_bool, VT::Bool, {a});
  int bb = emit(kernels::as_bool, VT::Bool, {b});
  return emit(kernels::logic, VT::Bool, {ba, bb}, 0, code);
}

int Compiler::truth(int r) { return emit(kernels::truth, VT::Bool, {r}); }

int Compiler::branch_mask(int t, bool negate) {
  if (mask_ < 0) return negate ? emit(kernels::mask_not, VT::Bool, {t}) : t;
  return emit(negate ? kernels::mask_and_not : kernels::mask_and, VT::Bool, {mask_, t});
}

int Compiler::cond(const Node& n) {
  return cond_parts(*n.kids[0], n.kids[1].get(), n.kids.size() > 2 ? n.kids[2].get() : nullptr, n.pos);
}

int Compiler::cond_parts(const Node& c, const Node* then_node, const Node* else_node, int pos) {
  std::function<int()> else_fn;
  if (else_node) else_fn = [this, else_node] { return node(*else_node); };
  int cr = node(c);
  // Only a valid boolean false is false: other types always take the first branch.
  if (type(cr) != VT::Bool) return node(*then_node);
  if (info(cr).konst && info(cr).num) {
    if (*info(cr).num != 0) return node(*then_node);
    if (else_fn) return else_fn();
    int t = node(*then_node);
    return const_null(type(t));
  }
  int t = truth(cr);
  bool masked = contains_assign(then_node) || contains_assign(else_node);
  int saved = mask_;
  if (masked) mask_ = branch_mask(t, false);
  int a = node(*then_node);
  mask_ = saved;
  int b;
  if (else_fn) {
    if (masked) mask_ = branch_mask(t, true);
    b = else_fn();
    mask_ = saved;
  } else {
    b = const_null(type(a));
  }
  if (type(b) != type(a)) b = const_null(type(a));  // see the report: rows of the other type are null
  return emit(kernels::select, type(a), {t, a, b});
}

int Compiler::switch_node(const Node& n) {
  size_t cases = (n.kids.size() - 1) / 2;
  std::function<int(size_t)> from = [&](size_t k) -> int {
    if (k == cases) return node(*n.kids.back());
    // builds `case k ? value k : rest` without an AST node for the rest
    int cr = node(*n.kids[2 * k]);
    if (type(cr) != VT::Bool) return node(*n.kids[2 * k + 1]);
    int t = truth(cr);
    bool masked = contains_assign(&n);
    int saved = mask_;
    if (masked) mask_ = branch_mask(t, false);
    int a = node(*n.kids[2 * k + 1]);
    mask_ = saved;
    if (masked) mask_ = branch_mask(t, true);
    int b = from(k + 1);
    mask_ = saved;
    if (type(b) != type(a)) b = const_null(type(a));
    return emit(kernels::select, type(a), {t, a, b});
  };
  return from(0);
}

int Compiler::var_decl(const Node& n) {
  if (scopes_.back().count(n.text)) fail("Illegal redefinition of local variable: '" + n.text + "'", n.pos);
  int init = n.kids.empty() ? const_f64(0) : node(*n.kids[0]);
  if (type(init) == VT::None) type_error();
  Instr I;
  I.fn = kernels::copy;
  I.in = {init};
  I.tin = {type(init)};
  I.tout = type(init);
  I.out = new_reg(I.tout);
  info_[size_t(I.out)].variable = true;
  prog_.body.push_back(I);
  scopes_.back()[n.text] = I.out;
  return I.out;
}

void Compiler::assign_to(const std::string& name, int value, int pos) {
  int* v = find_var(name);
  if (!v) fail("Undefined symbol: '" + name + "'", pos);
  if (type(*v) != type(value)) {
    if (mask_ >= 0 || loop_depth_ > 0)
      fail("Assigning a value of another type to '" + name + "' inside a branch or loop is not supported by this build",
           pos);
    *v = new_reg(type(value));
    info_[size_t(*v)].variable = true;
  }
  Instr I;
  I.fn = kernels::copy;
  I.in = {value};
  I.tin = {type(value)};
  I.tout = type(value);
  I.out = *v;
  I.mask = mask_;
  prog_.body.push_back(I);
}

int Compiler::assign(const Node& n) {
  int* v = find_var(n.text);
  if (!v) fail("Undefined symbol: '" + n.text + "'", n.pos);
  int value = node(*n.kids[0]);
  if (n.op != ":=") {
    v = find_var(n.text);
    int cur = *v;
    if (!is_numeric(type(cur)) || !is_numeric(type(value))) type_error();
    Kernel k = n.op == "+=" ? kernels::add : n.op == "-=" ? kernels::sub : n.op == "*=" ? kernels::mul
             : n.op == "/=" ? kernels::div : kernels::mod;
    value = emit(k, VT::F64, {to_f64(cur), to_f64(value)});
  }
  if (type(value) == VT::None) type_error();
  assign_to(n.text, value, n.pos);
  return *find_var(n.text);
}

int Compiler::loop(const Node* init, const Node& c, const Node* step, const Node& body) {
  scopes_.emplace_back();
  if (init && !(init->kind == NodeKind::Block && init->kids.empty())) node(*init);
  // the loop's row mask: the enclosing mask, narrowed by the condition each pass
  Instr M;
  M.fn = mask_ < 0 ? kernels::fill_bool : kernels::copy;
  M.ival = 1;
  if (mask_ >= 0) {
    M.in = {mask_};
    M.tin = {VT::Bool};
  }
  M.tout = VT::Bool;
  M.out = new_reg(VT::Bool);
  int lm = M.out;
  prog_.body.push_back(M);
  int top = int(prog_.body.size());
  int cr = node(c);
  int t = type(cr) == VT::Bool ? truth(cr) : const_bool(true);
  Instr N;
  N.fn = kernels::mask_narrow;
  N.in = {t};
  N.tin = {VT::Bool};
  N.tout = VT::Bool;
  N.out = lm;
  prog_.body.push_back(N);
  Instr J;
  J.ctl = Ctl::JumpIfNone;
  J.mask = lm;
  size_t exit_at = prog_.body.size();
  prog_.body.push_back(J);
  int saved = mask_;
  mask_ = lm;
  ++loop_depth_;
  scopes_.emplace_back();
  node(body);
  scopes_.pop_back();
  if (step && !(step->kind == NodeKind::Block && step->kids.empty())) node(*step);
  --loop_depth_;
  mask_ = saved;
  Instr B;
  B.ctl = Ctl::Jump;
  B.target = top;
  prog_.body.push_back(B);
  prog_.body[exit_at].target = int(prog_.body.size());
  scopes_.pop_back();
  return const_null(VT::F64);
}

int Compiler::call(const Node& n) {
  std::vector<int> args;
  for (const auto& k : n.kids) args.push_back(node(*k));
  return compile_function(*this, n, args);
}

}  // namespace parallax::expr
