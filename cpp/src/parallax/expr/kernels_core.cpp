// Kernels for constants, copies, conditionals, arithmetic, comparisons and
// logic. Each runs over the Frame's current batch (rows [0, F.n)).
#include <cmath>
#include <cstring>

#include "parallax/core/datetime.h"
#include "parallax/expr/compiler.h"
#include "parallax/expr/kernels.h"

namespace parallax::expr {

const char* vt_name(VT t) {
  switch (t) {
    case VT::None: return "none";
    case VT::I64: return "int64";
    case VT::I32: return "int32";
    case VT::F64: return "float";
    case VT::Bool: return "boolean";
    case VT::Time: return "datetime";
    case VT::Date: return "date";
    case VT::Str: return "string";
  }
  return "?";
}

size_t vt_width(VT t) {
  switch (t) {
    case VT::Bool: return 1;
    case VT::I32:
    case VT::Date: return 4;
    case VT::I64:
    case VT::F64:
    case VT::Time: return 8;
    case VT::Str: return sizeof(std::string_view);
    case VT::None: return 8;
  }
  return 8;
}

std::string_view Arena::copy(std::string_view s) {
  if (s.empty()) return {};
  while (chunk_ < chunks_.size() && used_ + s.size() > sizes_[chunk_]) {
    ++chunk_;
    used_ = 0;
  }
  if (chunk_ >= chunks_.size()) {
    size_t sz = std::max<size_t>(64 * 1024, s.size());
    chunks_.emplace_back(new char[sz]);
    sizes_.push_back(sz);
    chunk_ = chunks_.size() - 1;
    used_ = 0;
  }
  char* p = chunks_[chunk_].get() + used_;
  std::memcpy(p, s.data(), s.size());
  used_ += s.size();
  return {p, s.size()};
}

double date_packed(int32_t days) {
  CivilDate c = civil_from_days(days);
  return double((int64_t(c.year) << 16) | (int64_t(c.month - 1) << 8) | int64_t(c.day));
}

namespace kernels {

void to_f64(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  const uint8_t* s = F.s(I.in[0]);
  std::memcpy(F.s(I.out), s, F.n);
  switch (I.tin[0]) {
    case VT::I32: {
      const int32_t* a = F.v<int32_t>(I.in[0]);
      for (size_t i = 0; i < F.n; ++i) o[i] = a[i];
    } break;
    case VT::I64:
    case VT::Time: {
      const int64_t* a = F.v<int64_t>(I.in[0]);
      for (size_t i = 0; i < F.n; ++i) o[i] = double(a[i]);
    } break;
    case VT::F64: std::memcpy(o, F.v<double>(I.in[0]), F.n * sizeof(double)); break;
    case VT::Bool: {
      const uint8_t* a = F.v<uint8_t>(I.in[0]);
      for (size_t i = 0; i < F.n; ++i) o[i] = a[i];
    } break;
    case VT::Date: {
      const int32_t* a = F.v<int32_t>(I.in[0]);
      for (size_t i = 0; i < F.n; ++i) o[i] = s[i] == kValid ? date_packed(a[i]) : 0;
    } break;
    default:
      for (size_t i = 0; i < F.n; ++i) o[i] = 0;
  }
}

void fill_f64(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  for (size_t i = 0; i < F.n; ++i) o[i] = I.num;
  std::memset(F.s(I.out), kValid, F.n);
}

void fill_bool(const Instr& I, Frame& F) {
  std::memset(F.v<uint8_t>(I.out), I.ival ? 1 : 0, F.n);
  std::memset(F.s(I.out), kValid, F.n);
}

void fill_str(const Instr& I, Frame& F) {
  auto* o = F.v<std::string_view>(I.out);
  std::string_view s = static_cast<const StrData&>(*I.data).s;
  for (size_t i = 0; i < F.n; ++i) o[i] = s;
  std::memset(F.s(I.out), kValid, F.n);
}

void fill_null(const Instr& I, Frame& F) {
  std::memset(F.vals[size_t(I.out)], 0, F.n * vt_width(I.tout));
  std::memset(F.s(I.out), kInvalid, F.n);
}

void copy(const Instr& I, Frame& F) {
  size_t w = vt_width(I.tout);
  auto* o = static_cast<char*>(F.vals[size_t(I.out)]);
  const auto* a = static_cast<const char*>(F.vals[size_t(I.in[0])]);
  if (I.mask < 0) {
    std::memcpy(o, a, F.n * w);
    std::memcpy(F.s(I.out), F.s(I.in[0]), F.n);
    return;
  }
  const uint8_t* m = F.v<uint8_t>(I.mask);
  uint8_t* os = F.s(I.out);
  const uint8_t* as = F.s(I.in[0]);
  for (size_t i = 0; i < F.n; ++i) {
    if (!m[i]) continue;
    std::memcpy(o + i * w, a + i * w, w);
    os[i] = as[i];
  }
}

// out = t ? a : b (values and status); in = {t, a, b}
void select(const Instr& I, Frame& F) {
  size_t w = vt_width(I.tout);
  const uint8_t* t = F.v<uint8_t>(I.in[0]);
  auto* o = static_cast<char*>(F.vals[size_t(I.out)]);
  const auto* a = static_cast<const char*>(F.vals[size_t(I.in[1])]);
  const auto* b = static_cast<const char*>(F.vals[size_t(I.in[2])]);
  uint8_t* os = F.s(I.out);
  const uint8_t* as = F.s(I.in[1]);
  const uint8_t* bs = F.s(I.in[2]);
  for (size_t i = 0; i < F.n; ++i) {
    bool c = t[i];
    std::memcpy(o + i * w, (c ? a : b) + i * w, w);
    os[i] = c ? as[i] : bs[i];
  }
}

// The reference's condition test: anything but a valid boolean false is true.
void truth(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const uint8_t* a = F.v<uint8_t>(I.in[0]);
  const uint8_t* s = F.s(I.in[0]);
  for (size_t i = 0; i < F.n; ++i) o[i] = !(s[i] == kValid && a[i] == 0);
  std::memset(F.s(I.out), kValid, F.n);
}

// The reference's as_bool(): null is false, numbers are non-zero, strings true.
void as_bool(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const uint8_t* s = F.s(I.in[0]);
  switch (I.tin[0]) {
    case VT::Bool: {
      const uint8_t* a = F.v<uint8_t>(I.in[0]);
      for (size_t i = 0; i < F.n; ++i) o[i] = s[i] == kValid && a[i];
    } break;
    case VT::I32:
    case VT::Date: {
      const int32_t* a = F.v<int32_t>(I.in[0]);
      // a valid date's packed value is never 0
      bool date = I.tin[0] == VT::Date;
      for (size_t i = 0; i < F.n; ++i) o[i] = s[i] == kValid && (date || a[i] != 0);
    } break;
    case VT::I64:
    case VT::Time: {
      const int64_t* a = F.v<int64_t>(I.in[0]);
      for (size_t i = 0; i < F.n; ++i) o[i] = s[i] == kValid && a[i] != 0;
    } break;
    case VT::F64: {
      const double* a = F.v<double>(I.in[0]);
      for (size_t i = 0; i < F.n; ++i) o[i] = s[i] == kValid && a[i] != 0;
    } break;
    case VT::Str:
      for (size_t i = 0; i < F.n; ++i) o[i] = s[i] == kValid;
      break;
    case VT::None: std::memset(o, 0, F.n); break;
  }
  std::memset(F.s(I.out), kValid, F.n);
}

void mask_and(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const uint8_t* a = F.v<uint8_t>(I.in[0]);
  const uint8_t* b = F.v<uint8_t>(I.in[1]);
  for (size_t i = 0; i < F.n; ++i) o[i] = a[i] & b[i];
  std::memset(F.s(I.out), kValid, F.n);
}

void mask_and_not(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const uint8_t* a = F.v<uint8_t>(I.in[0]);
  const uint8_t* b = F.v<uint8_t>(I.in[1]);
  for (size_t i = 0; i < F.n; ++i) o[i] = a[i] & !b[i];
  std::memset(F.s(I.out), kValid, F.n);
}

void mask_not(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const uint8_t* a = F.v<uint8_t>(I.in[0]);
  for (size_t i = 0; i < F.n; ++i) o[i] = !a[i];
  std::memset(F.s(I.out), kValid, F.n);
}

// In-place: out &= in[0] (the loop mask narrows).
void mask_narrow(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const uint8_t* a = F.v<uint8_t>(I.in[0]);
  for (size_t i = 0; i < F.n; ++i) o[i] &= a[i];
}

template <class T>
static void negate_t(const Instr& I, Frame& F) {
  T* o = F.v<T>(I.out);
  const T* a = F.v<T>(I.in[0]);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = s[i] == kValid;
    o[i] = ok ? T(0 - a[i]) : T(0);
    if constexpr (std::is_floating_point_v<T>) o[i] = ok ? -a[i] : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

void negate(const Instr& I, Frame& F) {
  switch (I.tout) {
    case VT::I32: negate_t<int32_t>(I, F); break;
    case VT::I64: negate_t<int64_t>(I, F); break;
    default: negate_t<double>(I, F); break;
  }
}

// Unary plus: the value with a valid/invalid status (as the reference rebuilds it).
void positive(const Instr& I, Frame& F) {
  std::memcpy(F.vals[size_t(I.out)], F.vals[size_t(I.in[0])], F.n * vt_width(I.tout));
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) os[i] = s[i] == kValid ? kValid : kInvalid;
}

template <class Op>
static void arith_t(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  const double* a = F.v<double>(I.in[0]);
  const double* b = F.v<double>(I.in[1]);
  const uint8_t* as = F.s(I.in[0]);
  const uint8_t* bs = F.s(I.in[1]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    o[i] = Op::f(a[i], b[i]);
    os[i] = (as[i] == kValid) & (bs[i] == kValid) & Op::ok(b[i]);
  }
}

struct AddOp {
  static double f(double a, double b) { return a + b; }
  static bool ok(double) { return true; }
};
struct SubOp {
  static double f(double a, double b) { return a - b; }
  static bool ok(double) { return true; }
};
struct MulOp {
  static double f(double a, double b) { return a * b; }
  static bool ok(double) { return true; }
};
struct DivOp {
  static double f(double a, double b) { return b != 0 ? a / b : 0; }
  static bool ok(double b) { return b != 0; }
};
struct ModOp {
  static double f(double a, double b) { return b != 0 ? std::fmod(a, b) : 0; }
  static bool ok(double b) { return b != 0; }
};
struct PowOp {
  static double f(double a, double b) { return std::pow(a, b); }
  static bool ok(double) { return true; }
};

void add(const Instr& I, Frame& F) { arith_t<AddOp>(I, F); }
void sub(const Instr& I, Frame& F) { arith_t<SubOp>(I, F); }
void mul(const Instr& I, Frame& F) { arith_t<MulOp>(I, F); }
void div(const Instr& I, Frame& F) { arith_t<DivOp>(I, F); }
void mod(const Instr& I, Frame& F) { arith_t<ModOp>(I, F); }
void pow(const Instr& I, Frame& F) { arith_t<PowOp>(I, F); }

// Comparisons of two values of the same type, as the reference's scalars
// compare: status bytes first, then values (== compares raw bits).
enum class Cmp : int { Eq, Ne, Lt, Le, Gt, Ge };

template <class T, Cmp C>
static void compare_t(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const T* a = F.v<T>(I.in[0]);
  const T* b = F.v<T>(I.in[1]);
  const uint8_t* as = F.s(I.in[0]);
  const uint8_t* bs = F.s(I.in[1]);
  for (size_t i = 0; i < F.n; ++i) {
    bool r;
    if constexpr (C == Cmp::Eq || C == Cmp::Ne) {
      bool eq;
      if constexpr (std::is_same_v<T, double>) {
        uint64_t x, y;
        std::memcpy(&x, &a[i], 8);
        std::memcpy(&y, &b[i], 8);
        eq = as[i] == bs[i] && x == y;
      } else {
        eq = as[i] == bs[i] && a[i] == b[i];
      }
      r = C == Cmp::Eq ? eq : !eq;
    } else {
      int c;
      if (as[i] != bs[i]) c = as[i] < bs[i] ? -1 : 1;
      else if constexpr (std::is_same_v<T, std::string_view>) c = a[i].compare(b[i]);
      else c = a[i] < b[i] ? -1 : (b[i] < a[i] ? 1 : 0);
      r = C == Cmp::Lt ? c < 0 : C == Cmp::Le ? c <= 0 : C == Cmp::Gt ? c > 0 : c >= 0;
    }
    o[i] = r;
  }
  std::memset(F.s(I.out), kValid, F.n);
}

template <Cmp C>
static void compare_c(const Instr& I, Frame& F) {
  switch (I.tin[0]) {
    case VT::Bool: compare_t<uint8_t, C>(I, F); break;
    case VT::I32:
    case VT::Date: compare_t<int32_t, C>(I, F); break;
    case VT::I64:
    case VT::Time: compare_t<int64_t, C>(I, F); break;
    case VT::F64: compare_t<double, C>(I, F); break;
    case VT::Str: compare_t<std::string_view, C>(I, F); break;
    case VT::None: break;
  }
}

void eq(const Instr& I, Frame& F) { compare_c<Cmp::Eq>(I, F); }
void ne(const Instr& I, Frame& F) { compare_c<Cmp::Ne>(I, F); }
void lt(const Instr& I, Frame& F) { compare_c<Cmp::Lt>(I, F); }
void le(const Instr& I, Frame& F) { compare_c<Cmp::Le>(I, F); }
void gt(const Instr& I, Frame& F) { compare_c<Cmp::Gt>(I, F); }
void ge(const Instr& I, Frame& F) { compare_c<Cmp::Ge>(I, F); }

// Logic over two as_bool() registers (ival selects the operator).
void logic(const Instr& I, Frame& F) {
  uint8_t* o = F.v<uint8_t>(I.out);
  const uint8_t* a = F.v<uint8_t>(I.in[0]);
  const uint8_t* b = F.v<uint8_t>(I.in[1]);
  switch (I.ival) {
    case 0: for (size_t i = 0; i < F.n; ++i) o[i] = a[i] && b[i]; break;     // and
    case 1: for (size_t i = 0; i < F.n; ++i) o[i] = a[i] || b[i]; break;     // or
    case 2: for (size_t i = 0; i < F.n; ++i) o[i] = a[i] != b[i]; break;     // xor
    case 3: for (size_t i = 0; i < F.n; ++i) o[i] = !(a[i] && b[i]); break;  // nand
    case 4: for (size_t i = 0; i < F.n; ++i) o[i] = !(a[i] || b[i]); break;  // nor
    default: for (size_t i = 0; i < F.n; ++i) o[i] = a[i] == b[i]; break;    // xnor
  }
  std::memset(F.s(I.out), kValid, F.n);
}

void truncate_to_i64(const Instr& I, Frame& F) {
  int64_t* o = F.v<int64_t>(I.out);
  const double* a = F.v<double>(I.in[0]);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = s[i] == kValid && std::isfinite(a[i]);
    double x = a[i];
    o[i] = !ok ? 0 : x >= 9223372036854775808.0 ? INT64_MAX : x < -9223372036854775808.0 ? INT64_MIN : int64_t(x);
    os[i] = s[i] == kValid ? kValid : kInvalid;
  }
}

}  // namespace kernels
}  // namespace parallax::expr
