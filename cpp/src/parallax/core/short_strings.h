// Hash and equality for short strings (dictionary cells: symbols, codes,
// names) without library calls: overlapping 8- or 4-byte loads that stay
// inside the string. Shared by the table's Dictionary and the loaders'
// per-chunk ChunkDict (load/string_intern.h). Pure functions, thread-safe.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace parallax {

namespace intern_detail {

/// Hash and equality for short cells without library calls: overlapping
/// 8- or 4-byte loads that stay inside the string.
inline uint64_t load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t load4(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t cell_hash(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t a, b;
  if (n >= 8) {
    a = load8(p);
    b = load8(p + n - 8);
    for (size_t i = 8; i + 8 < n; i += 8) a = (a ^ load8(p + i)) * 0x9E3779B97F4A7C15ull;
  } else if (n >= 4) {
    a = load4(p);
    b = load4(p + n - 4);
  } else {
    a = n ? uint8_t(p[0]) | uint64_t(uint8_t(p[n / 2])) << 8 | uint64_t(uint8_t(p[n - 1])) << 16 : 0;
    b = 0;
  }
  uint64_t h = (a ^ (b * 0xC2B2AE3D27D4EB4Full) ^ (n * 0x165667B19E3779F9ull)) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}
inline bool cell_equal(std::string_view x, std::string_view y) {
  size_t n = x.size();
  if (n != y.size()) return false;
  const char *p = x.data(), *q = y.data();
  if (n >= 8 && n <= 16) return load8(p) == load8(q) && load8(p + n - 8) == load8(q + n - 8);
  if (n >= 4 && n < 8) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
  if (n < 4) {
    for (size_t i = 0; i < n; ++i)
      if (p[i] != q[i]) return false;
    return true;
  }
  return std::memcmp(p, q, n) == 0;
}

}  // namespace intern_detail

}  // namespace parallax
