#include "parallax/load/text_numbers.h"

#include <locale.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <string>

namespace parallax {

namespace {

locale_t c_locale() {
  static locale_t loc = newlocale(LC_ALL_MASK, "C", nullptr);
  return loc;
}

/// A NUL-terminated copy (small strings stay on the stack through SSO).
std::string terminated(std::string_view s) { return std::string(c_string(s)); }

}  // namespace

std::optional<int32_t> c_strtol32(std::string_view s) {
  std::string t = terminated(s);
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  long long v = strtoll_l(t.c_str(), &end, 10, c_locale());
  if (*end != '\0' || end == t.c_str()) return std::nullopt;
  if (v > INT32_MAX) v = INT32_MAX;
  if (v < INT32_MIN) v = INT32_MIN;
  return int32_t(v);
}

std::optional<double> c_strtof(std::string_view s) {
  std::string t = terminated(s);
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  float f = strtof_l(t.c_str(), &end, c_locale());
  if (*end != '\0' || end == t.c_str()) return std::nullopt;
  return double(f);
}

double c_atof(std::string_view s) {
  std::string t = terminated(s);
  return strtod_l(t.c_str(), nullptr, c_locale());
}

int64_t c_atoll(std::string_view s) {
  std::string t = terminated(s);
  return strtoll_l(t.c_str(), nullptr, 10, c_locale());
}

// LLVM's WebAssembly lowering of fptosi without trapping: |x| < 2^31 (2^63)
// truncates, anything else (NaN included) gives the minimum value.
int32_t double_to_int32(double d) { return std::fabs(d) < 2147483648.0 ? int32_t(d) : INT32_MIN; }

int64_t double_to_int64(double d) { return std::fabs(d) < 9223372036854775808.0 ? int64_t(d) : INT64_MIN; }

}  // namespace parallax
