// Open-addressing hash map from 64-bit keys to 32-bit row ids (linear probing,
// tombstones on erase). Used for primary-key lookup on the update path, where a
// node-based map's allocation per insert is too slow.
// Thread-safety: none; guarded by the owning Table's lock.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace parallax {

class FlatMap64 {
 public:
  FlatMap64() { rehash(16); }

  /// Row id for key, or -1.
  int64_t find(uint64_t key) const {
    for (uint64_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.state == kEmpty) return -1;
      if (s.state == kFull && s.key == key) return s.value;
    }
  }
  /// Hints that find(key) or put(key) follows soon (starts the slot's cache miss).
  void prefetch(uint64_t key) const { __builtin_prefetch(&slots_[mix(key) & mask_]); }
  /// Inserts or overwrites.
  void put(uint64_t key, uint32_t value) {
    if ((used_ + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
    int64_t tomb = -1;
    for (uint64_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.state == kFull && s.key == key) { s.value = value; return; }
      if (s.state == kTomb && tomb < 0) tomb = int64_t(i);
      if (s.state == kEmpty) {
        Slot& t = tomb >= 0 ? slots_[tomb] : s;
        if (&t == &s) ++used_;
        t = {key, value, kFull};
        ++size_;
        return;
      }
    }
  }
  bool erase(uint64_t key) {
    for (uint64_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.state == kEmpty) return false;
      if (s.state == kFull && s.key == key) { s.state = kTomb; --size_; return true; }
    }
  }
  /// Drops every entry (rehash() would re-insert them).
  void clear() {
    slots_.assign(16, Slot{0, 0, kEmpty});
    mask_ = 15;
    size_ = used_ = 0;
  }
  size_t size() const { return size_; }
  void reserve(size_t n) { if (n * 4 > slots_.size() * 3) rehash(next_pow2(n * 4 / 3 + 1)); }

 private:
  enum : uint8_t { kEmpty = 0, kFull = 1, kTomb = 2 };
  struct Slot { uint64_t key; uint32_t value; uint8_t state; };
  static uint64_t mix(uint64_t x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdull; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ull; x ^= x >> 33;
    return x;
  }
  static size_t next_pow2(size_t n) { size_t p = 16; while (p < n) p <<= 1; return p; }
  void rehash(size_t n) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(n, Slot{0, 0, kEmpty});
    mask_ = n - 1;
    size_ = used_ = 0;
    for (const Slot& s : old) if (s.state == kFull) put(s.key, s.value);
  }
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  size_t size_ = 0, used_ = 0;
};

}  // namespace parallax
