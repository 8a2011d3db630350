#include "parallax/view/reference_order.h"

#include <algorithm>
#include <cmath>

namespace parallax::reference {

namespace {

/// boost::hash_detail::hash_mix for a 32-bit size_t.
uint32_t hash_mix(uint32_t x) {
  x ^= x >> 16;
  x *= 0x21f0aaadu;
  x ^= x >> 15;
  x *= 0x735a2d97u;
  x ^= x >> 15;
  return x;
}

uint32_t hash_combine(uint32_t seed, uint32_t v) { return hash_mix(seed + 0x9e3779b9u + v); }

/// boost::hash<uint64_t> with a 32-bit size_t.
uint32_t hash_u64(uint64_t v) {
  uint32_t seed = 0;
  seed = uint32_t(v >> 32) + hash_mix(seed);
  seed = uint32_t(v) + hash_mix(seed);
  return seed;
}

constexpr size_t kNeighbourhood = 62;
constexpr size_t kMaxProbes = 12 * kNeighbourhood;
constexpr float kMaxLoad = 0.9f;
constexpr float kMinLoadForRehash = 0.1f;

/// The parts of tsl::hopscotch_hash that decide where entries sit. Entries are
/// indices into `hash`. Single-threaded, owned by hopscotch_order().
class Hopscotch {
 public:
  explicit Hopscotch(const uint32_t* hash, size_t buckets = 0) : hash_(hash) {
    if (buckets > 0) {
      size_t p = 1;
      while (p < buckets) p <<= 1;
      mask_ = p - 1;
      slot_.assign(p + kNeighbourhood - 1, -1);
      nbr_.assign(slot_.size(), 0);
    }
    size_t bc = bucket_count();
    min_threshold_ = size_t(float(bc) * kMinLoadForRehash);
    max_threshold_ = size_t(float(bc) * kMaxLoad);
  }

  void insert(int32_t e) {
    const uint32_t h = hash_[e];
    if (size_ - overflow_.size() >= max_threshold_) rehash(next_bucket_count());
    for (;;) {
      size_t home = h & mask_;
      size_t empty = find_empty(home);
      if (empty < slot_.size()) {
        do {
          if (empty - home < kNeighbourhood) {
            slot_[empty] = e;
            nbr_[home] |= uint64_t(1) << (empty - home);
            ++size_;
            return;
          }
        } while (swap_empty_closer(empty));
      }
      if (size_ < min_threshold_ || !neighbourhood_changes_on_rehash(home)) {
        overflow_.push_back(e);
        ++size_;
        return;
      }
      rehash(next_bucket_count());
    }
  }

  std::vector<uint32_t> order() const {
    std::vector<uint32_t> out;
    out.reserve(size_);
    for (int32_t e : slot_)
      if (e >= 0) out.push_back(uint32_t(e));
    for (int32_t e : overflow_) out.push_back(uint32_t(e));
    return out;
  }

 private:
  size_t bucket_count() const { return slot_.empty() ? 0 : slot_.size() - kNeighbourhood + 1; }
  size_t next_bucket_count() const { return (mask_ + 1) * 2; }

  size_t find_empty(size_t i) const {
    const size_t limit = std::min(i + kMaxProbes, slot_.size());
    for (; i < limit; ++i)
      if (slot_[i] < 0) return i;
    return slot_.size();
  }

  bool swap_empty_closer(size_t& empty) {
    for (size_t check = empty - kNeighbourhood + 1; check < empty; ++check) {
      uint64_t infos = nbr_[check];
      size_t to_swap = check;
      while (infos != 0 && to_swap < empty) {
        if (infos & 1) {
          slot_[empty] = slot_[to_swap];
          slot_[to_swap] = -1;
          nbr_[check] ^= uint64_t(1) << (empty - check);
          nbr_[check] ^= uint64_t(1) << (to_swap - check);
          empty = to_swap;
          return true;
        }
        ++to_swap;
        infos >>= 1;
      }
    }
    return false;
  }

  bool neighbourhood_changes_on_rehash(size_t home) const {
    const size_t next_mask = next_bucket_count() - 1;
    for (size_t i = home; i < slot_.size() && i - home < kNeighbourhood; ++i) {
      uint32_t h = hash_[slot_[i]];
      if ((h & mask_) != (h & next_mask)) return true;
    }
    return false;
  }

  void rehash(size_t count) {
    count = std::max(count, size_t(std::ceil(float(size_) / kMaxLoad)));
    Hopscotch next(hash_, count);
    next.overflow_.swap(overflow_);
    next.size_ += next.overflow_.size();
    for (int32_t e : slot_)
      if (e >= 0) next.insert(e);
    *this = std::move(next);
  }

  const uint32_t* hash_;
  size_t mask_ = 0;
  std::vector<int32_t> slot_;   // entry per bucket, -1 when empty
  std::vector<uint64_t> nbr_;   // neighbourhood bitmap per bucket
  std::vector<int32_t> overflow_;
  size_t size_ = 0;
  size_t min_threshold_ = 0, max_threshold_ = 0;
};

}  // namespace

uint32_t pkey_hash(uint64_t word, PkeyType type) {
  uint32_t seed = 0;
  seed = hash_combine(seed, hash_u64(word));
  seed = hash_combine(seed, uint32_t(type));
  seed = hash_combine(seed, 1u);  // STATUS_VALID
  return seed;
}

std::vector<uint32_t> hopscotch_order(const std::vector<uint32_t>& hashes) {
  Hopscotch map(hashes.data());
  for (size_t i = 0; i < hashes.size(); ++i) map.insert(int32_t(i));
  return map.order();
}

}  // namespace parallax::reference
