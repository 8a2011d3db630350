#include "parallax/core/column.h"
#include <algorithm>

#include "parallax/core/error.h"

namespace parallax {

Column::Column(DType type, bool wide, std::shared_ptr<Dictionary> dict)
    : type_(type), wide_(type == DType::Integer && wide), width_(dtype_width(type, wide_)),
      values_(std::make_shared<Buffer>()), validity_(std::make_shared<Buffer>()), dict_(std::move(dict)) {
  if (type_ == DType::String && !dict_) dict_ = std::make_shared<Dictionary>();
}

void Column::grow(BufferPtr& b, size_t bytes, bool exact) {
  // Someone else (a snapshot, an export) holds this buffer: never realloc it in place.
  if ((b.use_count() > 1 || !b->owned()) && bytes > b->capacity()) {
    auto nb = std::make_shared<Buffer>(exact ? bytes : std::max(bytes, b->capacity() + b->capacity() / 2));
    std::memcpy(nb->data(), b->data(), b->size());
    nb->resize_exact(b->size());
    b = std::move(nb);
  }
  exact ? b->resize_exact(bytes) : b->resize(bytes);
}

void Column::resize(size_t n) {
  if (n < size_) {
    // Clear the validity bits past the new end so a later grow starts null.
    for (size_t i = n; i < size_ && (i & 7); ++i) bits::clear(validity_->data(), i);
  }
  grow(values_, n * width_, false);
  grow(validity_, bits::bytes_for(n), false);
  if (upd_null_) grow(upd_null_, bits::bytes_for(n), false);
  if (n < size_) {
    // Bytes wholly past n are dropped by Buffer::resize; zero the tail bits of the last byte.
    for (size_t i = n; i < ((n + 7) & ~size_t(7)) && i < size_; ++i) {
      bits::clear(validity_->data(), i);
      if (upd_null_) bits::clear(upd_null_->data(), i);
    }
  }
  size_ = n;
}

void Column::grow_rows(size_t n) {
  if (n <= size_) return;
  for (BufferPtr* b : {&values_, &validity_, &upd_null_}) {
    if (!*b) continue;
    const size_t bytes = b == &values_ ? n * width_ : bits::bytes_for(n);
    if (bytes > (*b)->capacity()) {
      // Buffer::resize()'s steps: 1.5x, rounded up to the 64-byte alignment.
      size_t cap = std::max<size_t>((*b)->capacity(), 64);
      while (cap < bytes) cap = (cap + cap / 2 + Buffer::kAlign - 1) / Buffer::kAlign * Buffer::kAlign;
      if (b->use_count() > 1 || !(*b)->owned()) {
        // Someone else holds it (a snapshot, an export): copy, never realloc in place.
        auto nb = std::make_shared<Buffer>(cap);
        std::memcpy(nb->data(), (*b)->data(), (*b)->size());
        nb->resize_exact((*b)->size());
        *b = std::move(nb);
      } else {
        (*b)->reserve(cap);
      }
    }
    (*b)->resize(bytes);  // within capacity: zero-fills the new bytes
  }
  size_ = n;
}

void Column::resize_exact(size_t n) {
  grow(values_, n * width_, true);
  grow(validity_, bits::bytes_for(n), true);
  if (upd_null_) grow(upd_null_, bits::bytes_for(n), true);
  size_ = n;
}

void Column::shrink_to_fit() {
  if (values_.use_count() == 1) values_->shrink_to_fit();
  if (validity_.use_count() == 1) validity_->shrink_to_fit();
}

void Column::make_writable() {
  if (values_.use_count() > 1 || !values_->owned()) values_ = values_->clone();
  if (validity_.use_count() > 1 || !validity_->owned()) validity_ = validity_->clone();
  if (upd_null_ && (upd_null_.use_count() > 1 || !upd_null_->owned())) upd_null_ = upd_null_->clone();
}

void Column::ensure_update_nulls() {
  if (upd_null_) return;
  upd_null_ = std::make_shared<Buffer>();
  upd_null_->resize_exact(std::max(validity_->size(), bits::bytes_for(size_)));
}

void Column::set_null(size_t row, NullKind kind) {
  bits::clear(validity_->data(), row);
  if (kind == NullKind::UpdateNull) {
    ensure_update_nulls();
    bits::set(upd_null_->data(), row);
  } else if (upd_null_) {
    bits::clear(upd_null_->data(), row);
  }
  // Keep the value bytes deterministic for SIMD kernels that read through nulls.
  std::memset(values_->data() + row * width_, 0, width_);
}

void Column::copy_cell(size_t row, const Column& src, size_t src_row) {
  NullKind k = src.null_kind(src_row);
  if (k != NullKind::Valid) {
    set_null(row, k);
    return;
  }
  if (type_ == DType::String) {
    if (src.dict_ == dict_) set<int32_t>(row, src.get<int32_t>(src_row));
    else set_string(row, src.get_string(src_row));
    return;
  }
  if (type_ == DType::Integer && wide_ != src.wide_) {
    set_int(row, src.get_int(src_row));
    return;
  }
  std::memcpy(values_->data() + row * width_, src.values_->data() + src_row * width_, width_);
  set_valid(row);
}

size_t Column::null_count() const { return size_ - bits::count(validity_->data(), size_); }

void Column::adopt(BufferPtr values, BufferPtr validity, size_t size) {
  values_ = std::move(values);
  size_ = size;
  if (validity) {
    validity_ = std::move(validity);
  } else {
    validity_ = std::make_shared<Buffer>();
    validity_->resize_exact(bits::bytes_for(size));
    std::memset(validity_->data(), 0xff, validity_->size());
  }
  upd_null_.reset();
}

std::shared_ptr<Column> Column::gather(const uint32_t* rows, size_t n) const {
  auto out = std::make_shared<Column>(type_, wide_, dict_);
  gather_into(rows, n, *out);
  return out;
}

void Column::reset(size_t n) {
  // Buffers someone else holds (a snapshot, an export) are replaced, never written.
  for (BufferPtr* b : {&values_, &validity_}) {
    if (b->use_count() > 1 || !(*b)->owned()) *b = std::make_shared<Buffer>();
    else (*b)->resize_exact(0);
  }
  upd_null_.reset();
  size_ = 0;
  resize_exact(n);  // zero-fills from size 0: all values 0, all cells null
}

void Column::gather_into(const uint32_t* rows, size_t n, Column& out) const {
  out.dict_ = dict_;
  out.reset(n);
  uint8_t* dst = out.values_->data();
  const uint8_t* src = values_->data();
  switch (width_) {
    case 1: for (size_t i = 0; i < n; ++i) dst[i] = src[rows[i]]; break;
    case 4: for (size_t i = 0; i < n; ++i) reinterpret_cast<int32_t*>(dst)[i] = reinterpret_cast<const int32_t*>(src)[rows[i]]; break;
    case 8: for (size_t i = 0; i < n; ++i) reinterpret_cast<int64_t*>(dst)[i] = reinterpret_cast<const int64_t*>(src)[rows[i]]; break;
  }
  uint8_t* ov = out.validity_->data();
  const uint8_t* iv = validity_->data();
  for (size_t i = 0; i < n; ++i) bits::put(ov, i, bits::get(iv, rows[i]));
  if (upd_null_) {
    out.ensure_update_nulls();
    for (size_t i = 0; i < n; ++i) bits::put(out.upd_null_->data(), i, bits::get(upd_null_->data(), rows[i]));
  }
}

std::shared_ptr<Column> Column::share() const { return std::make_shared<Column>(*this); }

void Column::widen() {
  if (type_ != DType::Integer || wide_) return;
  auto nb = std::make_shared<Buffer>();
  nb->resize_exact(size_ * 8);
  const int32_t* s = values_->as<int32_t>();
  int64_t* d = nb->as<int64_t>();
  for (size_t i = 0; i < size_; ++i) d[i] = s[i];
  values_ = std::move(nb);
  wide_ = true;
  width_ = 8;
}

}  // namespace parallax
