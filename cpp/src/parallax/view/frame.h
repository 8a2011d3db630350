// A materialised window of a view's output: what the text writers and the
// Arrow exporter consume. Columns may share buffers with the table (zero-copy
// slices) or own gathered copies; either way the Frame keeps them alive, so it
// stays valid after the table lock is released.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parallax/core/column.h"

namespace parallax {

/// A string column's dictionary as it was when the frame was cut. Dictionary
/// appends never touch bytes below a snapshot's size and replace (never
/// reallocate in place) the buffers a snapshot holds, so writers and Arrow
/// export read it without the table lock while the live Dictionary grows.
struct DictSnapshot {
  BufferPtr offsets;  // int32[size + 1]
  BufferPtr bytes;
  int32_t size = 0;

  bool pinned() const { return offsets != nullptr; }
  std::string_view get(int32_t code) const {
    const int32_t* o = offsets->as<int32_t>();
    return {reinterpret_cast<const char*>(bytes->data()) + o[code], size_t(o[code + 1] - o[code])};
  }
  /// Call with the table's read lock held (or no concurrent writer).
  static DictSnapshot of(const Dictionary& d) { return {d.offsets(), d.bytes(), d.size()}; }
};

struct FrameColumn {
  std::string name;    // output name; split columns are "v1|v2|col"
  ColumnPtr column;    // cells [offset, offset + Frame::num_rows)
  size_t offset = 0;
  DictSnapshot dict;   // String columns, set by Frame::pin_dictionaries()

  FrameColumn() = default;
  FrameColumn(std::string n, ColumnPtr c, size_t off = 0, DictSnapshot d = {})
      : name(std::move(n)), column(std::move(c)), offset(off), dict(std::move(d)) {}
};

struct Frame {
  size_t num_rows = 0;
  std::vector<FrameColumn> columns;

  // Grouped views only (group_by non-empty). row_path[k] holds each row's
  // level-k group value (a null cell where depth <= k); depth[r] is the number
  // of path elements of row r (0 for the grand-total row). row_path[k].name is
  // the group_by column name. row_path has one entry per group_by level even
  // under group_by_depth; leaves are rows with depth == row_path.size().
  // Engines never drop rows for `leaves_only`: the JSON writers do, because
  // Perspective filters some outputs and not others (__ID__, CSV, Arrow).
  bool grouped = false;
  std::vector<FrameColumn> row_path;
  std::vector<int32_t> depth;

  // Split-only views (split_by, no group_by): no __ROW_PATH__, and __ID__ /
  // __INDEX__ follow the pivot layout (semantics T10).
  bool split_only = false;

  // Row keys for `id` / `index` (semantics 4.1). Row r's key list is
  // [pkey cell r] when pkey_offsets is empty (flat views), else pkey cells
  // [pkey_offsets[r], pkey_offsets[r + 1]) (num_rows + 1 entries; grouped
  // views list the pkeys under a group, split-only views their shifted key).
  // The writers emit __ID__ = the row path on grouped frames, else the key
  // list; __INDEX__ = [] on split-only frames or without keys, else the key list.
  bool has_pkey = false;
  FrameColumn pkey;
  std::vector<uint32_t> pkey_offsets;

  /// Freezes the dictionaries of every string column (data, row path, pkey)
  /// so the frame can be written after the table lock is released. Engines'
  /// callers invoke it while still holding the table's read lock.
  void pin_dictionaries() {
    auto pin = [](FrameColumn& c) {
      if (c.column && c.column->type() == DType::String && !c.dict.pinned()) c.dict = DictSnapshot::of(*c.column->dict());
    };
    for (auto& c : columns) pin(c);
    for (auto& c : row_path) pin(c);
    if (has_pkey) pin(pkey);
  }
};

/// The window and rendering options of every output method (semantics 4.1).
struct WindowSpec {
  double start_row = 0, end_row = -1;  // end < 0 = to the end
  double start_col = 0, end_col = -1;
  bool id = false;
  bool index = false;
  bool formatted = false;
  bool leaves_only = false;

  /// Parses {"start_row":..,"end_row":..,"start_col":..,"end_col":..,"id":..,
  /// "index":..,"formatted":..,"leaves_only":..}; unknown keys are ignored.
  static WindowSpec parse_json(std::string_view json);
};

}  // namespace parallax
