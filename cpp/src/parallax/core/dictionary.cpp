#include "parallax/core/dictionary.h"

#include <algorithm>
#include <numeric>

#include "parallax/core/error.h"
#include "parallax/core/short_strings.h"

namespace parallax {

Dictionary::Dictionary() : offsets_(std::make_shared<Buffer>(64)), bytes_(std::make_shared<Buffer>(64)) {
  offsets_->resize(sizeof(int32_t));  // offsets[0] = 0
  slots_.assign(64, -1);
  mask_ = 63;
}

uint64_t Dictionary::hash(std::string_view s) { return intern_detail::cell_hash(s); }

int32_t Dictionary::find(std::string_view s) const {
  for (uint64_t i = hash(s) & mask_;; i = (i + 1) & mask_) {
    int32_t c = slots_[i];
    if (c < 0) return -1;
    if (intern_detail::cell_equal(get(c), s)) return c;
  }
}

void Dictionary::grow_slots() {
  size_t n = slots_.size() * 2;
  slots_.assign(n, -1);
  mask_ = n - 1;
  for (int32_t c = 0; c < count_; ++c) {
    uint64_t i = hash(get(c)) & mask_;
    while (slots_[i] >= 0) i = (i + 1) & mask_;
    slots_[i] = c;
  }
}

int32_t Dictionary::intern(std::string_view s) {
  uint64_t i = hash(s) & mask_;
  for (;; i = (i + 1) & mask_) {
    int32_t c = slots_[i];
    if (c < 0) break;
    if (intern_detail::cell_equal(get(c), s)) return c;
  }
  size_t start = bytes_->size();
  if (start + s.size() > size_t(INT32_MAX)) throw_invalid("string dictionary exceeds 2 GiB");
  // Appends write only past the exported end; reallocation leaves old buffers to their holders.
  if (start + s.size() > bytes_->capacity()) {
    auto nb = std::make_shared<Buffer>(std::max(bytes_->capacity() * 2, start + s.size()));
    nb->resize(start);  // before the copy: resize() zero-fills the bytes it adds
    std::memcpy(nb->data(), bytes_->data(), start);
    bytes_ = nb;
  }
  bytes_->resize(start + s.size());
  std::memcpy(bytes_->data() + start, s.data(), s.size());
  size_t osz = offsets_->size();
  if (osz + sizeof(int32_t) > offsets_->capacity()) {
    auto no = std::make_shared<Buffer>(offsets_->capacity() * 2);
    no->resize(osz);
    std::memcpy(no->data(), offsets_->data(), osz);
    offsets_ = no;
  }
  offsets_->resize(osz + sizeof(int32_t));
  offsets_->as<int32_t>()[count_ + 1] = int32_t(start + s.size());
  int32_t code = count_++;
  slots_[i] = code;
  if (uint64_t(count_) * 2 > slots_.size()) grow_slots();
  return code;
}

void Dictionary::truncate(int32_t count) {
  if (count >= count_) return;
  const int32_t* o = offsets_->as<int32_t>();
  bytes_->resize(size_t(o[count]));
  offsets_->resize(size_t(count + 1) * sizeof(int32_t));
  count_ = count;
  // Linear probing cannot drop slots one by one: re-place the remaining codes.
  std::fill(slots_.begin(), slots_.end(), -1);
  for (int32_t c = 0; c < count_; ++c) {
    uint64_t i = hash(get(c)) & mask_;
    while (slots_[i] >= 0) i = (i + 1) & mask_;
    slots_[i] = c;
  }
  std::lock_guard<std::mutex> g(ranks_mu_);
  ranks_.reset();  // same size again later would not mean the same strings
}

std::shared_ptr<const std::vector<int32_t>> Dictionary::sort_ranks() const {
  std::lock_guard<std::mutex> g(ranks_mu_);
  int32_t n = count_;
  if (ranks_ && int32_t(ranks_->size()) == n) return ranks_;
  std::vector<int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // string_view compares through char_traits<char>::compare (memcmp): unsigned byte order.
  std::sort(order.begin(), order.end(), [this](int32_t a, int32_t b) { return get(a) < get(b); });
  auto ranks = std::make_shared<std::vector<int32_t>>(n);
  for (int32_t r = 0; r < n; ++r) (*ranks)[order[r]] = r;
  ranks_ = ranks;
  return ranks_;
}

}  // namespace parallax
