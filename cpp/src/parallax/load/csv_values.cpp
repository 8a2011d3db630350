#include "parallax/load/csv_values.h"

#include <charconv>
#include <cstring>

#include "parallax/load/text_numbers.h"

namespace parallax::csv {

bool is_null_token(std::string_view s) {
  // First-character filter: most cells (digits other than 1, letters) leave here.
  if (s.empty()) return true;
  switch (s[0]) {
    case 'N': case 'n': case '#': case '-': case '1': break;
    default: return false;
  }
  auto is = [&](const char* t, size_t n) { return s.size() == n && std::memcmp(s.data(), t, n) == 0; };
  return is("NA", 2) || is("N/A", 3) || is("NaN", 3) || is("n/a", 3) || is("nan", 3) || is("#NA", 3) ||
         is("NULL", 4) || is("null", 4) || is("#N/A", 4) || is("-NaN", 4) || is("-nan", 4) || is("1.#IND", 6) ||
         is("-1.#IND", 7) || is("1.#QNAN", 7) || is("#N/A N/A", 8) || is("-1.#QNAN", 8);
}

namespace {

bool parse_hex(const char* p, size_t n, size_t max_digits, uint64_t* out) {
  if (n == 0 || n > max_digits) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = p[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return false;
    v = v << 4 | uint64_t(d);
  }
  *out = v;
  return true;
}

/// Magnitude and sign; `limit_pos` / `limit_neg` bound the magnitude.
bool parse_integer(std::string_view s, int hex_digits, uint64_t limit_pos, uint64_t limit_neg, uint64_t* mag, bool* neg) {
  const char* p = s.data();
  size_t n = s.size();
  if (n == 0) return false;
  *neg = false;
  if (*p == '-') {
    *neg = true;
    ++p;
    if (--n == 0) return false;
  }
  if (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    // Arrow reinterprets the hex bit pattern at the target width; no sign.
    return !*neg && parse_hex(p + 2, n - 2, size_t(hex_digits), mag);
  }
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned d = unsigned(p[i] - '0');
    if (d > 9) return false;
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  if (v > (*neg ? limit_neg : limit_pos)) return false;
  *mag = v;
  return true;
}

}  // namespace

bool parse_int64(std::string_view s, int64_t* out) {
  uint64_t m;
  bool neg;
  if (!parse_integer(s, 16, uint64_t(INT64_MAX), uint64_t(INT64_MAX) + 1, &m, &neg)) return false;
  *out = neg ? int64_t(0 - m) : int64_t(m);
  return true;
}

bool parse_int32(std::string_view s, int32_t* out) {
  uint64_t m;
  bool neg;
  if (!parse_integer(s, 8, uint64_t(INT32_MAX), uint64_t(INT32_MAX) + 1, &m, &neg)) return false;
  *out = neg ? int32_t(uint32_t(0 - m)) : int32_t(uint32_t(m));
  return true;
}

bool parse_bool(std::string_view s, uint8_t* out) {
  if (s == "1" || s == "true" || s == "True" || s == "TRUE") return *out = 1, true;
  if (s == "0" || s == "false" || s == "False" || s == "FALSE") return *out = 0, true;
  return false;
}

namespace {

/// Clinger's fast path: [-]digits[.digits] with at most 15 significant digits
/// is exact as mantissa / 10^k (both exact doubles, one rounding).
bool fast_decimal(const char* p, const char* e, double* out) {
  static const double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  bool neg = false;
  if (p < e && *p == '-') neg = true, ++p;
  uint64_t m = 0;
  int digits = 0, frac = -1;
  const char* start = p;
  for (; p < e; ++p) {
    unsigned d = unsigned(*p - '0');
    if (d <= 9) {
      m = m * 10 + d;
      if (++digits > 15) return false;
      if (frac >= 0) ++frac;
    } else if (*p == '.' && frac < 0) {
      frac = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || p == start) return false;
  double v = double(m);
  if (frac > 0) v /= kPow10[frac];
  *out = neg ? -v : v;
  return true;
}

}  // namespace

bool parse_plain_decimal(std::string_view s, double* out) { return fast_decimal(s.data(), s.data() + s.size(), out); }

bool parse_double(std::string_view s, double* out) {
  const char* p = s.data();
  const char* e = p + s.size();
  if (fast_decimal(p, e, out)) return true;
  if (p < e && *p == '+') {
    ++p;
    if (p < e && (*p == '-' || *p == '+')) return false;
  }
  if (p == e) return false;
  auto r = std::from_chars(p, e, *out, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars refuses to round to 0 / inf; strtod semantics do.
    *out = c_atof(std::string_view(p, size_t(e - p)));
    return r.ptr == e;
  }
  return r.ec == std::errc() && r.ptr == e;
}

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* e = p + s.size();
  while (p < e) {
    // ASCII fast path, 8 bytes at a time.
    if (e - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      if (!(w & 0x8080808080808080ull)) {
        p += 8;
        continue;
      }
    }
    unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 ? (c <= 0xEF ? 2 : -1) : c >= 0xC2 ? 1 : -1;
    if (n < 0 || e - p <= n) return false;
    for (int i = 1; i <= n; ++i)
      if ((p[i] & 0xC0) != 0x80) return false;
    if (c == 0xE0 && p[1] < 0xA0) return false;  // overlong
    if (c == 0xED && p[1] >= 0xA0) return false;  // surrogates
    if (c == 0xF0 && p[1] < 0x90) return false;   // overlong
    if (c == 0xF4 && p[1] >= 0x90) return false;  // > U+10FFFF
    p += n + 1;
  }
  return true;
}

}  // namespace parallax::csv
