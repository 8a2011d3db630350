// Math and trigonometry: ExprTK's builtins as the reference specialises them
// for its scalars, plus Perspective's min/max/percent_of/inrange.
#include <cmath>
#include <cstring>

#include "parallax/expr/compiler.h"
#include "parallax/expr/kernels.h"

namespace parallax::expr {
namespace {

using Fn1 = double (*)(double);

template <Fn1 fn>
void unary_f64(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  const double* a = F.v<double>(I.in[0]);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = s[i] == kValid;
    o[i] = ok ? fn(a[i]) : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

double d_abs(double x) { return std::fabs(x); }
double d_sinc(double x) { return x == 0 ? 1.0 : std::sin(x) / x; }
double d_cot(double x) { return 1.0 / std::tan(x); }
double d_r2d(double x) { return x * (180.0 / M_PI); }
double d_d2r(double x) { return x * (M_PI / 180.0); }
double d_d2g(double x) { return x * (10.0 / 9.0); }
double d_g2d(double x) { return x * (9.0 / 10.0); }
double d_frac(double x) {
  double ip;
  return std::modf(x, &ip);
}
double d_ceil(double x) { return std::ceil(x); }
double d_floor(double x) { return std::floor(x); }
double d_round(double x) { return std::round(x); }
double d_sqrt(double x) { return std::sqrt(x); }
double d_exp(double x) { return std::exp(x); }
double d_expm1(double x) { return std::expm1(x); }
double d_log(double x) { return std::log(x); }
double d_log10(double x) { return std::log10(x); }
double d_log2(double x) { return std::log2(x); }
double d_log1p(double x) { return std::log1p(x); }
double d_sin(double x) { return std::sin(x); }
double d_cos(double x) { return std::cos(x); }
double d_tan(double x) { return std::tan(x); }
double d_asin(double x) { return std::asin(x); }
double d_acos(double x) { return std::acos(x); }
double d_atan(double x) { return std::atan(x); }
double d_sinh(double x) { return std::sinh(x); }
double d_cosh(double x) { return std::cosh(x); }
double d_tanh(double x) { return std::tanh(x); }
double d_asinh(double x) { return std::asinh(x); }
double d_acosh(double x) { return std::acosh(x); }
double d_atanh(double x) { return std::atanh(x); }
double d_erf(double x) { return std::erf(x); }
double d_erfc(double x) { return std::erfc(x); }
double d_zero(double) { return 0; }

struct Unary {
  const char* name;
  Kernel k;
  bool float_only;  // the reference gives null for integer inputs
};
const Unary kUnaries[] = {
    {"abs", unary_f64<d_abs>, true},       {"acos", unary_f64<d_acos>, true},   {"acosh", unary_f64<d_acosh>, true},
    {"asin", unary_f64<d_asin>, true},     {"asinh", unary_f64<d_asinh>, true}, {"atan", unary_f64<d_atan>, true},
    {"atanh", unary_f64<d_atanh>, true},   {"cos", unary_f64<d_cos>, true},     {"cosh", unary_f64<d_cosh>, true},
    {"sin", unary_f64<d_sin>, true},       {"sinh", unary_f64<d_sinh>, true},   {"tan", unary_f64<d_tan>, true},
    {"tanh", unary_f64<d_tanh>, true},     {"erf", unary_f64<d_erf>, true},     {"erfc", unary_f64<d_erfc>, true},
    {"ceil", unary_f64<d_ceil>, false},    {"floor", unary_f64<d_floor>, false}, {"round", unary_f64<d_round>, false},
    {"sqrt", unary_f64<d_sqrt>, false},    {"exp", unary_f64<d_exp>, false},    {"expm1", unary_f64<d_expm1>, false},
    {"log", unary_f64<d_log>, false},      {"log10", unary_f64<d_log10>, false}, {"log2", unary_f64<d_log2>, false},
    {"log1p", unary_f64<d_log1p>, false},  {"sinc", unary_f64<d_sinc>, false},  {"cot", unary_f64<d_cot>, false},
    {"rad2deg", unary_f64<d_r2d>, false},  {"deg2rad", unary_f64<d_d2r>, false}, {"deg2grad", unary_f64<d_d2g>, false},
    {"grad2deg", unary_f64<d_g2d>, false},
};

void sgn_kernel(const Instr& I, Frame& F) {
  int32_t* o = F.v<int32_t>(I.out);
  const double* a = F.v<double>(I.in[0]);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = s[i] == kValid;
    o[i] = ok ? (a[i] > 0) - (a[i] < 0) : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

// ival: 0 logn, 1 root, 2 percent_of
void binary_kernel(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  const double* a = F.v<double>(I.in[0]);
  const double* b = F.v<double>(I.in[1]);
  const uint8_t* as = F.s(I.in[0]);
  const uint8_t* bs = F.s(I.in[1]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = as[i] == kValid && bs[i] == kValid;
    double x = a[i], y = b[i], r = 0;
    if (ok) {
      if (I.ival == 0) {
        if (y < 0) ok = false;
        else r = std::log(x) / std::log(y);
      } else if (I.ival == 1) {
        int64_t yi = std::isfinite(y) ? int64_t(y) : 0;
        if (yi < 0 || (x < 0 && yi % 2 == 0)) ok = false;
        else r = std::pow(x, 1.0 / y);
      } else {
        if (y == 0) ok = false;
        else r = (x / y) * 100;
      }
    }
    o[i] = ok ? r : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

// min / max over n F64 registers (ival 0: min, 1: max): null if any is null.
void minmax_kernel(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  uint8_t* os = F.s(I.out);
  bool is_max = I.ival == 1;
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = true;
    double r = 0;
    for (size_t k = 0; k < I.in.size(); ++k) {
      if (F.s(I.in[k])[i] != kValid) {
        ok = false;
        break;
      }
      double v = F.v<double>(I.in[k])[i];
      if (k == 0 || (is_max ? v > r : v < r)) r = v;
    }
    o[i] = ok ? r : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

/// The reference's scalar ordering: status bytes first, then values.
template <class T>
int order3(uint8_t sa, T a, uint8_t sb, T b) {
  if (sa != sb) return sa < sb ? -1 : 1;
  return a < b ? -1 : (b < a ? 1 : 0);
}

// iclamp(lo, x, hi) = (x <= lo || x >= hi) ? x : (2x <= hi + lo ? lo : hi), over
// three registers of one type, with the reference's null ordering.
template <class T>
void iclamp_t(const Instr& I, Frame& F) {
  const T* lo = F.v<T>(I.in[0]);
  const T* x = F.v<T>(I.in[1]);
  const T* hi = F.v<T>(I.in[2]);
  const uint8_t* ls = F.s(I.in[0]);
  const uint8_t* xs = F.s(I.in[1]);
  const uint8_t* hs = F.s(I.in[2]);
  T* o = F.v<T>(I.out);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    int pick = 1;
    if (!(order3(xs[i], x[i], ls[i], lo[i]) <= 0 || order3(xs[i], x[i], hs[i], hi[i]) >= 0)) {
      uint8_t s2x = xs[i] == kValid ? kValid : kInvalid;
      uint8_t ssum = ls[i] == kValid && hs[i] == kValid ? kValid : kInvalid;
      double two_x = s2x == kValid ? 2 * double(x[i]) : 0;
      double sum = ssum == kValid ? double(hi[i]) + double(lo[i]) : 0;
      pick = order3(s2x, two_x, ssum, sum) <= 0 ? 0 : 2;
    }
    const T* src = pick == 0 ? lo : pick == 1 ? x : hi;
    const uint8_t* ss = pick == 0 ? ls : pick == 1 ? xs : hs;
    o[i] = src[i];
    os[i] = ss[i];
  }
}

template <class T>
void inrange_t(const Instr& I, Frame& F) {
  const T* lo = F.v<T>(I.in[0]);
  const T* x = F.v<T>(I.in[1]);
  const T* hi = F.v<T>(I.in[2]);
  uint8_t* o = F.v<uint8_t>(I.out);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = F.s(I.in[0])[i] == kValid && F.s(I.in[1])[i] == kValid && F.s(I.in[2])[i] == kValid;
    o[i] = ok && !(x[i] < lo[i]) && !(hi[i] < x[i]);
    os[i] = ok ? kValid : kInvalid;
  }
}

template <template <class> class K>
Kernel by_type(VT t) {
  switch (t) {
    case VT::Bool: return K<uint8_t>::k;
    case VT::I32:
    case VT::Date: return K<int32_t>::k;
    case VT::I64:
    case VT::Time: return K<int64_t>::k;
    case VT::F64: return K<double>::k;
    default: return nullptr;
  }
}
template <class T> struct IclampK { static constexpr Kernel k = iclamp_t<T>; };
template <class T> struct InrangeK { static constexpr Kernel k = inrange_t<T>; };

int fold_chain(Compiler& c, const std::vector<int>& args, Kernel k) {
  int acc = c.to_f64(args[0]);
  for (size_t i = 1; i < args.size(); ++i) acc = c.emit(k, VT::F64, {acc, c.to_f64(args[i])});
  return acc;
}

}  // namespace

int compile_math_function(Compiler& c, const Node& n, const std::vector<int>& args, bool* handled) {
  const std::string& f = n.text;
  *handled = true;
  for (const Unary& u : kUnaries) {
    if (f != u.name) continue;
    VT t = c.type(args[0]);
    if (!is_numeric(t)) type_error();
    if (u.float_only && t != VT::F64) return c.const_null(VT::F64);
    return c.emit(u.k, VT::F64, {c.to_f64(args[0])});
  }
  if (f == "sgn" || f == "trunc" || f == "frac") {
    VT t = c.type(args[0]);
    if (!is_numeric(t)) type_error();
    if (f == "sgn") return c.emit(sgn_kernel, VT::I32, {c.to_f64(args[0])});
    if (f == "trunc") {
      c.set_wide();
      return c.emit(kernels::truncate_to_i64, VT::I64, {c.to_f64(args[0])});
    }
    return c.emit(t == VT::F64 ? unary_f64<d_frac> : unary_f64<d_zero>, VT::F64, {c.to_f64(args[0])});
  }
  if (f == "pow" || f == "logn" || f == "root" || f == "percent_of") {
    if (!is_numeric(c.type(args[0])) || !is_numeric(c.type(args[1]))) type_error();
    const RegInfo& A = c.info(args[0]);
    const RegInfo& B = c.info(args[1]);
    if (f == "root" && A.num && B.num) {
      double x = *A.num, y = *B.num;
      int64_t yi = std::isfinite(y) ? int64_t(y) : 0;
      if (yi < 0 || (x < 0 && yi % 2 == 0)) type_error();  // the reference makes a none-typed value
    }
    if (f == "pow") return c.emit(kernels::pow, VT::F64, {c.to_f64(args[0]), c.to_f64(args[1])});
    int64_t code = f == "logn" ? 0 : f == "root" ? 1 : 2;
    return c.emit(binary_kernel, VT::F64, {c.to_f64(args[0]), c.to_f64(args[1])}, 0, code);
  }
  if (f == "min" || f == "max") {
    if (args.empty()) fail("Expected at least one input parameter for function call '" + f + "'", n.close_pos);
    std::vector<int> in;
    for (int a : args) {
      if (!is_numeric(c.type(a))) type_error();
      in.push_back(c.to_f64(a));
    }
    return c.emit(minmax_kernel, VT::F64, in, 0, f == "max");
  }
  if (f == "sum" || f == "mul" || f == "avg") {
    if (args.size() == 1) return args[0];  // ExprTK passes a single argument through
    for (int a : args)
      if (!is_numeric(c.type(a))) type_error();
    if (f == "mul") return fold_chain(c, args, kernels::mul);
    int s = fold_chain(c, args, kernels::add);
    if (f == "sum") return s;
    return c.emit(kernels::div, VT::F64, {s, c.const_f64(double(args.size()))});
  }
  if (f == "iclamp") {
    VT tl = c.type(args[0]), tx = c.type(args[1]), th = c.type(args[2]);
    if (tl == tx && tx == th) {
      Kernel k = is_numeric(tx) ? by_type<IclampK>(tx) : nullptr;
      if (!k) type_error();
      return c.emit(k, tx, {args[0], args[1], args[2]});
    }
    // values of different types compare by type tag: x comes back unchanged
    if (int(tx) <= int(tl) || int(tx) >= int(th)) return args[1];
    fail("iclamp() over values of different types is not supported by this build", n.pos);
  }
  if (f == "inrange") {
    VT t = c.type(args[1]);
    if (c.type(args[0]) != t || c.type(args[2]) != t) type_error();
    Kernel k = t == VT::Str ? inrange_t<std::string_view> : by_type<InrangeK>(t);
    return c.emit(k, VT::Bool, {args[0], args[1], args[2]});
  }
  *handled = false;
  return -1;
}

}  // namespace parallax::expr
