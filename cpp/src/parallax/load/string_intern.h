// Per-chunk string interning for parallel loaders: each worker interns its
// rows' strings into a ChunkDict (no locking), and the results are merged into
// the column's Dictionary in chunk order afterwards, which keeps first-seen
// code order. Tuned for short cells (overlapping word loads, no library calls).
// Thread-safety: a ChunkDict belongs to one thread at a time.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "parallax/core/dictionary.h"
#include "parallax/core/short_strings.h"

namespace parallax {

/// String interning for one worker's share of a column; views point into the
/// caller's input (`stable`) or into the dictionary's own arena. Strings of at
/// most 8 bytes are keyed by their packed bytes (no string compare at all);
/// longer ones by hash, then compared.
class ChunkDict {
 public:
  ChunkDict() : small_(kInitialSlots, Slot{0, 0, -1}), small_mask_(kInitialSlots - 1) {}

  /// The code of `s`. The hit path for short cells (the common case: a few
  /// thousand distinct symbols over millions of rows) is inlined into the
  /// loaders' row loops; inserts and long cells go out of line.
  [[gnu::always_inline]] inline int32_t intern(std::string_view s, bool stable) {
    const size_t n = s.size();
    if (n > 8) return intern_long(s, stable);
    const uint64_t key = pack(s.data(), n);
    for (size_t i = slot_of(key, n, small_mask_);; i = (i + 1) & small_mask_) {
      const Slot& sl = small_[i];
      if (sl.code < 0) return insert_short(s, key, stable);
      if (sl.key == key && sl.len == n) return sl.code;
    }
  }
  const std::vector<std::string_view>& strings() const { return strs_; }

 private:
  struct Slot {
    uint64_t key;
    uint32_t len;
    int32_t code;
  };

  static constexpr size_t kInitialSlots = 64;

  [[gnu::noinline]] int32_t insert_short(std::string_view s, uint64_t key, bool stable) {
    const size_t n = s.size();
    if ((small_used_ + 1) * 2 > small_.size()) rehash_small();
    size_t i = slot_of(key, n, small_mask_);
    while (small_[i].code >= 0) i = (i + 1) & small_mask_;
    small_[i] = {key, uint32_t(n), add(s, stable)};
    ++small_used_;
    return small_[i].code;
  }

  [[gnu::noinline]] int32_t intern_long(std::string_view s, bool stable) {
    const size_t n = s.size();
    const uint64_t h = intern_detail::cell_hash(s);
    if ((big_used_ + 1) * 2 > big_.size()) rehash_big();
    for (size_t i = h & big_mask_;; i = (i + 1) & big_mask_) {
      Slot& sl = big_[i];
      if (sl.code < 0) {
        sl = {h, uint32_t(n), add(s, stable)};
        ++big_used_;
        return sl.code;
      }
      if (sl.key == h && sl.len == n && intern_detail::cell_equal(strs_[size_t(sl.code)], s)) return sl.code;
    }
  }

  /// The bytes of a string of at most 8 bytes, exactly (with its length, a key).
  static uint64_t pack(const char* p, size_t n) {
    using intern_detail::load4;
    using intern_detail::load8;
    if (n == 8) return load8(p);
    if (n >= 4) return uint64_t(load4(p)) | uint64_t(load4(p + n - 4)) << 32;
    if (n == 0) return 0;
    return uint64_t(uint8_t(p[0])) | uint64_t(uint8_t(p[n / 2])) << 8 | uint64_t(uint8_t(p[n - 1])) << 16;
  }
  static size_t slot_of(uint64_t key, size_t n, size_t mask) {
    // Full avalanche: cells often share their leading bytes ("S1202", "S1249").
    uint64_t h = (key ^ (uint64_t(n) << 59)) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return size_t(h >> 32) & mask;
  }
  int32_t add(std::string_view s, bool stable) {
    if (!stable) {
      arena_.push_back(std::make_unique<char[]>(s.size() + 1));
      std::memcpy(arena_.back().get(), s.data(), s.size());
      s = {arena_.back().get(), s.size()};
    }
    strs_.push_back(s);
    return int32_t(strs_.size() - 1);
  }
  void rehash_small() {
    std::vector<Slot> old = std::move(small_);
    small_.assign(old.empty() ? 64 : old.size() * 2, Slot{0, 0, -1});
    small_mask_ = small_.size() - 1;
    for (const Slot& sl : old) {
      if (sl.code < 0) continue;
      size_t i = slot_of(sl.key, sl.len, small_mask_);
      while (small_[i].code >= 0) i = (i + 1) & small_mask_;
      small_[i] = sl;
    }
  }
  void rehash_big() {
    std::vector<Slot> old = std::move(big_);
    big_.assign(old.empty() ? 64 : old.size() * 2, Slot{0, 0, -1});
    big_mask_ = big_.size() - 1;
    for (const Slot& sl : old) {
      if (sl.code < 0) continue;
      size_t i = sl.key & big_mask_;
      while (big_[i].code >= 0) i = (i + 1) & big_mask_;
      big_[i] = sl;
    }
  }

  std::vector<Slot> small_, big_;
  size_t small_mask_ = 0, big_mask_ = 0, small_used_ = 0, big_used_ = 0;
  std::vector<std::string_view> strs_;  // code -> string
  std::vector<std::unique_ptr<char[]>> arena_;
};

/// Interns a chunk's strings into `dict` in order: returns local code -> column code.
inline std::vector<int32_t> merge_chunk_dict(const ChunkDict& local, Dictionary& dict) {
  const auto& strs = local.strings();
  std::vector<int32_t> map(strs.size());
  for (size_t i = 0; i < strs.size(); ++i) map[i] = dict.intern(strs[i]);
  return map;
}

/// Whether a merge map is the identity (no code needs rewriting).
inline bool is_identity(const std::vector<int32_t>& map) {
  for (size_t i = 0; i < map.size(); ++i)
    if (map[i] != int32_t(i)) return false;
  return true;
}

}  // namespace parallax
