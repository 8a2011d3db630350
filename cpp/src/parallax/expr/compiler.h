// Turns a parsed expression into a Program, typing every node as the
// reference's validator run would (see program.h for the value model).
// One Compiler per compile() call; not shared.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "parallax/expr/ast.h"
#include "parallax/expr/diagnostic.h"
#include "parallax/expr/expression.h"
#include "parallax/expr/program.h"

namespace parallax::expr {

/// Compile-time knowledge of a register.
struct RegInfo {
  VT type = VT::None;
  bool konst = false;              // same value on every row, filled by Program::init
  std::optional<double> num;       // a constant valid F64
  std::optional<std::string> str;  // a constant valid string
  bool null_const = false;         // a constant null
  bool raw_literal = false;        // a raw string literal (regex pattern position)
  bool variable = false;           // a column or local (ExprTK's variable nodes)
};

class Compiler {
 public:
  Compiler(Program& prog, const FieldLookup& fields, const std::unordered_map<std::string, std::string>& column_ids);

  /// Compiles the whole program; returns the result register.
  int compile_root(const Node& root);

  // --- helpers for the function library ---
  const RegInfo& info(int r) const { return info_[size_t(r)]; }
  VT type(int r) const { return info_[size_t(r)].type; }
  int new_reg(VT t);
  /// Emits `fn` writing a new register of type `out` from `in`. When every
  /// input is a constant the instruction runs once (Program::init).
  int emit(Kernel fn, VT out, const std::vector<int>& in, double num = 0, int64_t ival = 0,
           std::shared_ptr<const KernelData> data = nullptr);
  int const_f64(double v);
  int const_str(const std::string& s);
  int const_bool(bool v);
  int const_null(VT t);
  /// Converts a numeric (or bool/date/time, as the reference's to_double) register to F64.
  int to_f64(int r);
  /// Reads a table column by name (adds it to the inputs).
  int load_column(const std::string& name, int pos);
  Program& program() { return prog_; }
  bool has_field(const std::string& name) const { return fields_(name) != nullptr; }
  /// Marks the expression as depending on more than its row's input cells.
  void set_not_row_local() { row_local_ = false; }
  bool row_local() const { return row_local_; }
  bool needs_wide() const { return wide_; }
  void set_wide() { wide_ = true; }

 private:
  int node(const Node& n);
  int block(const Node& n);
  int binary(const Node& n);
  int unary(const Node& n);
  int cond(const Node& n);
  int cond_parts(const Node& c, const Node* then_node, const Node* else_node, int pos);
  int switch_node(const Node& n);
  int var_decl(const Node& n);
  int assign(const Node& n);
  int loop(const Node* init, const Node& c, const Node* step, const Node& body);
  int identifier(const Node& n);
  int call(const Node& n);
  int truth(int r);
  int branch_mask(int truth_reg, bool negate);
  void assign_to(const std::string& name, int value, int pos);
  int* find_var(const std::string& name);

  Program& prog_;
  const FieldLookup& fields_;
  const std::unordered_map<std::string, std::string>& column_ids_;
  std::vector<RegInfo> info_;
  std::vector<std::unordered_map<std::string, int>> scopes_;
  int mask_ = -1;
  int loop_depth_ = 0;
  bool row_local_ = true;
  bool wide_ = false;
};

/// The function library (functions_*.cpp): compiles a call of `n.text` with
/// the already-compiled argument registers. Throws CompileError.
int compile_function(Compiler& c, const Node& n, const std::vector<int>& args);
int compile_math_function(Compiler& c, const Node& n, const std::vector<int>& args, bool* handled);
int compile_string_function(Compiler& c, const Node& n, const std::vector<int>& args, bool* handled);
int compile_datetime_function(Compiler& c, const Node& n, const std::vector<int>& args, bool* handled);
int compile_cast_function(Compiler& c, const Node& n, const std::vector<int>& args, bool* handled);

// Core kernels shared by the compiler and the function library (kernels_core.cpp).
namespace kernels {
void to_f64(const Instr& I, Frame& F);
void fill_f64(const Instr& I, Frame& F);
void fill_bool(const Instr& I, Frame& F);
void fill_str(const Instr& I, Frame& F);
void fill_null(const Instr& I, Frame& F);
void copy(const Instr& I, Frame& F);
void select(const Instr& I, Frame& F);
void truth(const Instr& I, Frame& F);
void as_bool(const Instr& I, Frame& F);
}  // namespace kernels

/// Data of string constants held by a kernel.
struct StrData : KernelData {
  std::string s;
  explicit StrData(std::string v) : s(std::move(v)) {}
};

}  // namespace parallax::expr
