// Casts: integer (int32, null outside its range, as the reference's WebAssembly
// build), float, boolean, string.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "parallax/core/datetime.h"
#include "parallax/expr/compiler.h"
#include "parallax/expr/kernels.h"

namespace parallax::expr {
namespace {

/// `std::stringstream >> double` as libc++ does it: leading blanks, then the
/// longest run of characters that may appear in a number (digits, hex digits,
/// signs, '.', 'x', 'p', 'i', 'n'...), which must convert as a whole.
bool parse_number(std::string_view s, double* out) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  size_t b = i;
  static const std::string_view kAtoms = "0123456789abcdefxABCDEFX+-pPiInN.";
  while (i < s.size() && kAtoms.find(s[i]) != std::string_view::npos) ++i;
  if (i == b) return false;
  std::string num(s.substr(b, i - b));
  char* end = nullptr;
  *out = std::strtod(num.c_str(), &end);
  return end == num.c_str() + num.size();
}

/// The input as the reference's to_double(), or false when the cast gives null.
inline bool number_at(const Instr& I, const Frame& F, size_t i, double* x) {
  int r = I.in[0];
  switch (I.tin[0]) {
    case VT::Bool: *x = F.v<uint8_t>(r)[i]; return true;
    case VT::I32: *x = F.v<int32_t>(r)[i]; return true;
    case VT::I64:
    case VT::Time: *x = double(F.v<int64_t>(r)[i]); return true;
    case VT::F64: *x = F.v<double>(r)[i]; return true;
    case VT::Date: *x = date_packed(F.v<int32_t>(r)[i]); return true;
    case VT::Str: return parse_number(F.v<std::string_view>(r)[i], x);
    case VT::None: return false;
  }
  return false;
}

void to_integer_kernel(const Instr& I, Frame& F) {
  int32_t* o = F.v<int32_t>(I.out);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    double x = 0;
    bool ok = s[i] == kValid && number_at(I, F, i, &x) && !(x > 2147483647.0 || x < -2147483648.0) && !std::isnan(x);
    o[i] = ok ? int32_t(x) : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

void to_float_kernel(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    double x = 0;
    bool ok = s[i] == kValid && number_at(I, F, i, &x) && !std::isnan(x);
    o[i] = ok ? x : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

void to_string_kernel(const Instr& I, Frame& F) {
  auto* o = F.v<std::string_view>(I.out);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  int r = I.in[0];
  std::string buf;
  char tmp[64];
  for (size_t i = 0; i < F.n; ++i) {
    o[i] = {};
    if (s[i] != kValid) {
      os[i] = kInvalid;
      continue;
    }
    buf.clear();
    switch (I.tin[0]) {
      case VT::Bool: buf = F.v<uint8_t>(r)[i] ? "true" : "false"; break;
      case VT::I32: buf = std::to_string(F.v<int32_t>(r)[i]); break;
      case VT::I64: buf = std::to_string(F.v<int64_t>(r)[i]); break;
      case VT::F64:
        std::snprintf(tmp, sizeof tmp, "%g", F.v<double>(r)[i]);
        buf = tmp;
        break;
      case VT::Date: append_date(buf, F.v<int32_t>(r)[i]); break;
      case VT::Time: append_datetime(buf, F.v<int64_t>(r)[i]); break;
      case VT::Str: buf.assign(F.v<std::string_view>(r)[i]); break;
      case VT::None: break;
    }
    if (buf.empty()) {
      os[i] = kInvalid;
      continue;
    }
    o[i] = F.arena.copy(buf);
    os[i] = kValid;
  }
}

}  // namespace

int compile_cast_function(Compiler& c, const Node& n, const std::vector<int>& args, bool* handled) {
  const std::string& f = n.text;
  *handled = true;
  if (f == "integer") return c.emit(to_integer_kernel, VT::I32, {args[0]});
  if (f == "float") return c.emit(to_float_kernel, VT::F64, {args[0]});
  if (f == "boolean") return c.emit(kernels::as_bool, VT::Bool, {args[0]});
  if (f == "string") return c.emit(to_string_kernel, VT::Str, {args[0]});
  *handled = false;
  return -1;
}

}  // namespace parallax::expr
