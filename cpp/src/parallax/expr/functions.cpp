// Function dispatch: ExprTK's call-shape diagnostics, then the categories
// (functions_math.cpp, functions_string.cpp, functions_datetime.cpp,
// functions_cast.cpp), then the row/lookup/logic functions defined here.
#include <cstring>
#include <set>

#include "parallax/expr/compiler.h"
#include "parallax/expr/kernels.h"

namespace parallax::expr {
namespace {

// ExprTK's own one-argument functions.
const std::set<std::string> kUnary = {"abs",   "acos",  "acosh", "asin",    "asinh",   "atan",     "atanh",
                                      "ceil",  "cos",   "cosh",  "exp",     "expm1",   "floor",    "log",
                                      "log10", "log2",  "log1p", "round",   "sin",     "sinc",     "sinh",
                                      "sqrt",  "tan",   "tanh",  "cot",     "sec",     "csc",      "rad2deg",
                                      "deg2rad", "deg2grad", "grad2deg", "sgn", "not", "erf", "erfc", "ncdf",
                                      "frac",  "trunc"};
const std::set<std::string> kBinary = {"pow", "logn", "root", "roundn", "hypot", "atan2", "shr", "shl", "equal", "not_equal"};
const std::set<std::string> kVararg = {"sum", "avg", "mul"};
// ExprTK builtins that the reference turns into nothing (mknone()) or that this build leaves out.
const std::set<std::string> kNone = {"sec", "csc", "ncdf", "not", "roundn", "hypot", "atan2", "shr", "shl"};
const std::set<std::string> kRegex = {"match", "match_all", "search", "indexof", "replace", "replace_all"};

/// Perspective's generic functions and their ExprTK parameter sequences
/// (T: scalar, S: string literal, ?: anything, Z: no parameters).
const char* param_sequence(const std::string& f) {
  static const std::pair<const char*, const char*> kSeq[] = {
      {"bucket", "T?"},     {"hour_of_day", "T"}, {"day_of_week", "T"}, {"month_of_year", "T"}, {"length", "T"},
      {"upper", "T"},       {"lower", "T"},       {"string", "T"},      {"integer", "T"},       {"float", "T"},
      {"boolean", "T"},     {"is_null", "T"},     {"is_not_null", "T"}, {"date", "TTT"},        {"datetime", "T"},
      {"percent_of", "TT"}, {"inrange", "TTT"},   {"index", "Z"},       {"random", "Z"},        {"col", "T"},
      {"vlookup", "TT"},    {"match", "TS"},      {"match_all", "TS"},  {"search", "TS"},       {"indexof", "TSV"},
      {"replace", "TS?"},   {"replace_all", "TS?"}};
  for (const auto& [name, seq] : kSeq)
    if (f == name) return seq;
  return nullptr;
}

void check_shape(Compiler& c, const Node& n, const std::vector<int>& args) {
  const std::string& f = n.text;
  if (kUnary.count(f)) {
    if (args.empty()) fail("Expected at least one input parameter for function call '" + f + "'", n.close_pos);
    if (args.size() != 1) fail("Invalid number of input parameters for call to function: '" + f + "'");
    return;
  }
  if (kBinary.count(f)) {
    if (args.size() != 2) fail("Invalid number of input parameters for call to function: '" + f + "'");
    return;
  }
  if (kVararg.count(f)) {
    if (args.empty()) fail("vararg function: " + f + " requires at least one input parameter", n.end_pos);
    return;
  }
  if (f == "iclamp" || f == "clamp") {
    if (args.size() != 3) fail("Invalid number of input parameters for call to function: '" + f + "'");
    return;
  }
  const char* seq = param_sequence(f);
  if (!seq) return;
  std::string actual;
  for (int a : args) actual += c.info(a).raw_literal ? 'S' : 'T';
  std::string want = seq;
  bool ok = want == "Z" ? args.empty() : want.size() == actual.size();
  for (size_t i = 0; ok && i < want.size() && want != "Z"; ++i)
    if (want[i] != '?' && want[i] != actual[i]) ok = false;
  if (!ok)
    fail("Failed parameter type check for function '" + f + "', Expected '" + want + "' call set: '" + actual + "'",
         n.end_pos);
}

void is_null_kernel(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const uint8_t* s = F.s(I.in[0]);
  bool want_null = I.ival != 0;
  for (size_t i = 0; i < F.n; ++i) o[i] = (s[i] != kValid) == want_null;
  std::memset(F.s(I.out), kValid, F.n);
}

// splitmix64: random() per row from the frame's generator.
void random_kernel(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    uint64_t z = (F.rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    o[i] = double(z >> 11) * 0x1.0p-53;
  }
  std::memset(F.s(I.out), kValid, F.n);
}

}  // namespace

int compile_function(Compiler& c, const Node& n, const std::vector<int>& args) {
  const std::string& f = n.text;
  check_shape(c, n, args);
  if (kRegex.count(f))
    fail("The regular expression function '" + f + "' is not supported by this build (no static RE2 available)", n.pos);
  if (f == "vlookup") fail("The function 'vlookup' is not supported by this build", n.pos);
  if (f == "diff3" || f == "norm3" || f == "cross_product3" || f == "dot_product3" || f == "clamp" || f == "equal" ||
      f == "not_equal")
    fail("The function '" + f + "' is not supported by this build", n.pos);
  if (kNone.count(f)) type_error();
  for (int a : args)
    if (c.type(a) == VT::None) type_error();

  bool handled = false;
  int r = compile_math_function(c, n, args, &handled);
  if (handled) return r;
  r = compile_string_function(c, n, args, &handled);
  if (handled) return r;
  r = compile_datetime_function(c, n, args, &handled);
  if (handled) return r;
  r = compile_cast_function(c, n, args, &handled);
  if (handled) return r;

  if (f == "is_null" || f == "is_not_null") return c.emit(is_null_kernel, VT::Bool, {args[0]}, 0, f == "is_null");
  if (f == "random") {
    c.set_not_row_local();
    return c.emit(random_kernel, VT::F64, {});
  }
  if (f == "col") {
    const RegInfo& a = c.info(args[0]);
    if (a.type != VT::Str) type_error();
    if (!a.str) fail("col() needs a literal column name in this build", n.pos);
    if (!c.has_field(*a.str)) type_error();
    return c.load_column(*a.str, n.pos);
  }
  if (f == "index") {
    return c.emit(kernels::index, VT::I32, {});
  }
  fail("Undefined symbol: '" + f + "'", n.pos);
}

}  // namespace parallax::expr
