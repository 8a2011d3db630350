// Append-only string dictionary: code -> string, string -> code.
//
// Storage is Arrow's utf8 layout (int32 offsets + bytes) so a dictionary-encoded
// column exports zero-copy. Codes are dense, stable forever, and assigned in
// first-seen order. Appends only write past the current end, so an exported
// snapshot (which holds the old Buffers) stays valid across later appends.
//
// Thread-safety: intern() must be serialised by the owning Table's writer
// lock; get() / size() are safe concurrently with other readers.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "parallax/core/buffer.h"

namespace parallax {

class Dictionary {
 public:
  Dictionary();

  /// Code of `s`, adding it when new.
  int32_t intern(std::string_view s);
  /// Code of `s`, or -1 when absent.
  int32_t find(std::string_view s) const;
  std::string_view get(int32_t code) const {
    const int32_t* o = offsets_->as<int32_t>();
    return {reinterpret_cast<const char*>(bytes_->data()) + o[code], size_t(o[code + 1] - o[code])};
  }
  int32_t size() const { return count_; }
  /// Forgets the codes from `count` on (an update that interned them failed).
  /// Only for codes no column holds yet; same lock as intern().
  void truncate(int32_t count);

  /// Rank of each code in byte order (strings compare as unsigned bytes).
  /// Recomputed lazily when codes were added since the last call; O(n log n).
  /// Safe to call from concurrent readers; the returned snapshot stays valid.
  std::shared_ptr<const std::vector<int32_t>> sort_ranks() const;

  const BufferPtr& offsets() const { return offsets_; }
  const BufferPtr& bytes() const { return bytes_; }

 private:
  static uint64_t hash(std::string_view s);
  void grow_slots();

  BufferPtr offsets_;  // int32[count_ + 1]
  BufferPtr bytes_;
  int32_t count_ = 0;
  std::vector<int32_t> slots_;  // open addressing, -1 empty
  uint64_t mask_ = 0;
  mutable std::mutex ranks_mu_;
  mutable std::shared_ptr<const std::vector<int32_t>> ranks_;
};

}  // namespace parallax
