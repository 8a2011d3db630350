// C-library number parsing with the exact acceptance rules Perspective inherits
// from strtol/strtof/atof/atoll (whitespace, signs, hex, "inf"/"nan"), always
// in the "C" locale (a host JVM may have called setlocale). Strings are read
// as C strings: an embedded NUL ends them, as it does for rapidjson's
// GetString(). Stateless and thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace parallax {

/// s up to its first NUL.
inline std::string_view c_string(std::string_view s) {
  size_t z = s.find('\0');
  return z == std::string_view::npos ? s : s.substr(0, z);
}

/// strtol(s, &end, 10) as Perspective's WASM build runs it (32-bit long, so
/// out-of-range values saturate), only when it consumes the whole string.
std::optional<int32_t> c_strtol32(std::string_view s);
/// strtof(s, &end) (single precision) when it consumes the whole (non-empty) string.
std::optional<double> c_strtof(std::string_view s);
/// atof / atoll: the longest valid prefix, 0 when there is none.
double c_atof(std::string_view s);
int64_t c_atoll(std::string_view s);

/// Float-to-integer casts without UB, as the reference (WebAssembly) build
/// behaves: truncation toward zero in range, else the type's minimum value
/// (observed: 1e10 into an integer column stores -2147483648).
int32_t double_to_int32(double d);
int64_t double_to_int64(double d);

}  // namespace parallax
