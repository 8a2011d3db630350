// A contiguous, 64-byte aligned byte region, shared by shared_ptr.
//
// Ownership: a Buffer either owns its allocation (freed in the destructor) or
// borrows foreign memory (e.g. an imported Arrow array) kept alive by `owner_`;
// a borrowed buffer is read-only, so writers call Column::make_writable(),
// which copies it first. Exported Arrow arrays hold a shared_ptr to the
// Buffer, so a reader's snapshot outlives any later reallocation.
//
// Thread-safety: none of its own; the owning Table serialises writers, and
// writers never modify bytes below the length a reader may be looking at
// without first copying (copy-on-write through Column).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace parallax {

/// Bytes currently allocated by owned Buffers (for system_info); relaxed counter.
int64_t buffer_bytes_allocated();
namespace detail {
void note_buffer_bytes(int64_t delta);
}

/// Allocates `bytes` (a multiple of `align`, a power of two from 64 to 4096).
/// Blocks of at least kHugeAdviceBytes are mapped directly (mmap) and advised
/// for transparent huge pages (madvise(MADV_HUGEPAGE) on their 2 MiB-aligned
/// interior): first touching a big column or load buffer costs about half the
/// page faults, and freeing it returns the memory to the system at once
/// instead of leaving it in malloc's arenas. Smaller blocks come from
/// std::aligned_alloc. Returns nullptr when out of memory; release with
/// deallocate_aligned and the same size. Thread-safe (no state).
void* allocate_aligned(size_t align, size_t bytes);
void deallocate_aligned(void* p, size_t bytes);
/// Grows a block of `old_bytes` from allocate_aligned to `new_bytes` in place
/// of a copy when both sizes are mapped directly (mremap moves the pages: no
/// copy, and the kept pages need no new faults). Returns the block (the old
/// one is then gone), or nullptr when it cannot (p stays valid: allocate,
/// copy and free instead).
void* remap_aligned(void* p, size_t old_bytes, size_t new_bytes);
inline constexpr size_t kHugeAdviceBytes = size_t(4) << 20;

class Buffer {
 public:
  static constexpr size_t kAlign = 64;

  Buffer() = default;
  explicit Buffer(size_t capacity) { reserve(capacity); }
  /// Borrow `size` bytes at `data`; `owner` keeps them alive.
  Buffer(const void* data, size_t size, std::shared_ptr<void> owner)
      : data_(static_cast<uint8_t*>(const_cast<void*>(data))), size_(size), capacity_(size),
        owner_(std::move(owner)), owned_(false) {}
  ~Buffer() {
    if (owned_ && data_) {
      deallocate_aligned(data_, capacity_);
      detail::note_buffer_bytes(-int64_t(capacity_));
    }
  }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool owned() const { return owned_; }

  /// Grows capacity to at least `n` bytes, keeping contents. Owned buffers only.
  void reserve(size_t n) {
    if (n <= capacity_ && owned_) return;
    size_t cap = n < 64 ? 64 : ((n + kAlign - 1) / kAlign) * kAlign;
    if (owned_ && data_) {
      if (void* r = remap_aligned(data_, capacity_, cap)) {
        detail::note_buffer_bytes(int64_t(cap) - int64_t(capacity_));
        data_ = static_cast<uint8_t*>(r);
        capacity_ = cap;
        return;
      }
    }
    auto* p = static_cast<uint8_t*>(allocate_aligned(kAlign, cap));
    if (!p) throw std::bad_alloc();
    if (size_) std::memcpy(p, data_, size_);
    if (owned_ && data_) {
      deallocate_aligned(data_, capacity_);
      detail::note_buffer_bytes(-int64_t(capacity_));
    }
    detail::note_buffer_bytes(int64_t(cap));
    data_ = p;
    capacity_ = cap;
    owned_ = true;
    owner_.reset();
  }
  /// Sets the size; new bytes are zeroed. Grows geometrically (x1.5) past capacity.
  void resize(size_t n) {
    if (n > capacity_ || !owned_) {
      size_t want = capacity_ + capacity_ / 2;
      reserve(n > want ? n : want);
    }
    if (n > size_) std::memset(data_ + size_, 0, n - size_);
    size_ = n;
  }
  /// Like resize() but never over-allocates (bulk loads of a known size).
  void resize_exact(size_t n) {
    if (n > capacity_ || !owned_) reserve(n);
    if (n > size_) std::memset(data_ + size_, 0, n - size_);
    size_ = n;
  }
  /// Releases unused capacity (after a bulk load).
  void shrink_to_fit() {
    if (!owned_ || capacity_ - size_ < kAlign) return;
    Buffer tmp(size_);
    if (size_) std::memcpy(tmp.data_, data_, size_);
    std::swap(data_, tmp.data_);
    std::swap(capacity_, tmp.capacity_);
    tmp.size_ = 0;
  }
  /// A new owned copy of the first `size()` bytes, with the same capacity.
  std::shared_ptr<Buffer> clone() const {
    auto b = std::make_shared<Buffer>(capacity_ > size_ ? capacity_ : size_);
    if (size_) std::memcpy(b->data_, data_, size_);
    b->size_ = size_;
    return b;
  }

  template <class T> T* as() { return reinterpret_cast<T*>(data_); }
  template <class T> const T* as() const { return reinterpret_cast<const T*>(data_); }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::shared_ptr<void> owner_;
  bool owned_ = true;
};

using BufferPtr = std::shared_ptr<Buffer>;

/// Arrow-layout validity bitmaps (bit i of byte i/8, LSB first; 1 = valid).
namespace bits {
inline bool get(const uint8_t* b, size_t i) { return (b[i >> 3] >> (i & 7)) & 1; }
inline void set(uint8_t* b, size_t i) { b[i >> 3] |= uint8_t(1u << (i & 7)); }
inline void clear(uint8_t* b, size_t i) { b[i >> 3] &= uint8_t(~(1u << (i & 7))); }
inline void put(uint8_t* b, size_t i, bool v) { v ? set(b, i) : clear(b, i); }
inline size_t bytes_for(size_t n) { return (n + 7) / 8; }
/// Number of set bits in [0, n).
size_t count(const uint8_t* b, size_t n);
/// Copies n bits from src starting at bit `from` into dst starting at bit `to`.
void copy(const uint8_t* src, size_t from, uint8_t* dst, size_t to, size_t n);
}  // namespace bits

}  // namespace parallax
