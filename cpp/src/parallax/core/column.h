// One typed, nullable column in structure-of-arrays form.
//
// values_   : dtype_width() bytes per row (see types.h for the physical types)
// validity_ : Arrow validity bitmap, 1 = valid
// upd_null_ : lazily allocated bitmap marking nulls that came from an explicit
//             null in update() (NullKind::UpdateNull); absent = all CtorNull
// dict_     : string dictionary (String columns only), shared by every Column
//             cut from this one (gathers, slices), append-only.
//
// Ownership and sharing: buffers are shared_ptrs. Cheap copies (share()) and
// exported Arrow arrays hold references; a writer calls make_writable() before
// overwriting cells below size(), which copies any buffer someone else holds
// (copy-on-write). Appends never disturb existing holders.
// Thread-safety: none; the owning Table serialises writers against readers.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "parallax/core/buffer.h"
#include "parallax/core/dictionary.h"
#include "parallax/core/types.h"

namespace parallax {

class Column {
 public:
  explicit Column(DType type, bool wide = false, std::shared_ptr<Dictionary> dict = nullptr);

  DType type() const { return type_; }
  bool wide() const { return wide_; }
  int width() const { return width_; }
  size_t size() const { return size_; }

  /// Grows or shrinks to n rows; new rows are CtorNull.
  void resize(size_t n);
  /// Grows to n >= size() rows (new rows CtorNull) with the capacity that
  /// appending one row at a time would reach (1.5x steps from the current
  /// one): adding rows in batches keeps the same slack for later appends.
  void grow_rows(size_t n);
  /// Bulk loads: size exactly n without slack (no geometric growth).
  void resize_exact(size_t n);
  void shrink_to_fit();
  /// Copies shared or borrowed buffers so cells below size() may be overwritten.
  void make_writable();

  // --- cell access (row < size()) ---
  bool is_valid(size_t row) const { return bits::get(validity_->data(), row); }
  NullKind null_kind(size_t row) const {
    if (is_valid(row)) return NullKind::Valid;
    return (upd_null_ && bits::get(upd_null_->data(), row)) ? NullKind::UpdateNull : NullKind::CtorNull;
  }
  void set_null(size_t row, NullKind kind = NullKind::CtorNull);
  /// Hints that cell `row` is read or written soon (starts its cache misses).
  void prefetch(size_t row) const {
    __builtin_prefetch(values_->data() + row * size_t(width_));
    __builtin_prefetch(validity_->data() + row / 8);
  }
  void set_valid(size_t row) {
    bits::set(validity_->data(), row);
    if (upd_null_) bits::clear(upd_null_->data(), row);
  }
  template <class T> T get(size_t row) const { return values_->as<T>()[row]; }
  template <class T> void set(size_t row, T v) {
    values_->as<T>()[row] = v;
    set_valid(row);
  }
  /// Integer value widened to int64 regardless of storage width.
  int64_t get_int(size_t row) const { return wide_ ? get<int64_t>(row) : get<int32_t>(row); }
  void set_int(size_t row, int64_t v) { wide_ ? set<int64_t>(row, v) : set<int32_t>(row, int32_t(v)); }
  /// String cells: interns into the column's dictionary.
  void set_string(size_t row, std::string_view s) { set<int32_t>(row, dict_->intern(s)); }
  std::string_view get_string(size_t row) const { return dict_->get(get<int32_t>(row)); }

  /// Copies cell `src_row` of `src` (same type) into `row`, including null kind.
  /// Strings are re-interned when the dictionaries differ.
  void copy_cell(size_t row, const Column& src, size_t src_row);

  // --- raw buffers (for kernels, writers and Arrow export) ---
  template <class T> const T* data() const { return values_->as<T>(); }
  template <class T> T* mutable_data() { return values_->as<T>(); }
  const uint8_t* validity() const { return validity_->data(); }
  uint8_t* mutable_validity() { return validity_->data(); }
  const uint8_t* update_nulls() const { return upd_null_ ? upd_null_->data() : nullptr; }
  uint8_t* mutable_update_nulls() { return upd_null_ ? upd_null_->data() : nullptr; }
  size_t null_count() const;
  const BufferPtr& values_buffer() const { return values_; }
  const BufferPtr& validity_buffer() const { return validity_; }
  const std::shared_ptr<Dictionary>& dict() const { return dict_; }

  /// Adopts foreign value/validity buffers (zero-copy import). validity may be
  /// null (all valid). `size` rows; offsets must already be applied.
  void adopt(BufferPtr values, BufferPtr validity, size_t size);

  /// New column holding rows[0..n) of this one, in that order (a gather).
  std::shared_ptr<Column> gather(const uint32_t* rows, size_t n) const;
  /// The same gather into `out` (same type and width), reusing its buffers'
  /// memory where `out` alone holds them: `out` ends up as gather() would
  /// have made it (recycled journal columns).
  void gather_into(const uint32_t* rows, size_t n, Column& out) const;
  /// Makes this column n rows of creation nulls with zeroed values, as a
  /// fresh Column resized to n would be, reusing its buffers' memory where it
  /// alone holds them (recycled loader output). Keeps type and dictionary.
  void reset(size_t n);
  /// New column sharing this one's buffers (same length, copy-on-write).
  std::shared_ptr<Column> share() const;
  /// Widens an int32 Integer column to int64 in place (used by loaders).
  void widen();

 private:
  static void grow(BufferPtr& b, size_t bytes, bool exact);
  void ensure_update_nulls();

  DType type_;
  bool wide_;
  int width_;
  size_t size_ = 0;
  BufferPtr values_;
  BufferPtr validity_;
  BufferPtr upd_null_;
  std::shared_ptr<Dictionary> dict_;
};

using ColumnPtr = std::shared_ptr<Column>;

}  // namespace parallax
