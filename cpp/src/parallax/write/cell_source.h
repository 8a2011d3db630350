// Read access to one FrameColumn's cells for the text writers: the storage
// kind, value and validity pointers, offset and dictionary are resolved once,
// so reading a cell is a bit test and a load.
//
// Ownership: borrows the FrameColumn (and through it the Column's buffers and
// the dictionary snapshot); the Frame must outlive the CellSource.
// Thread-safety: read-only, safe from any number of threads.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parallax/core/error.h"
#include "parallax/view/frame.h"

namespace parallax::text {

enum class CellKind : uint8_t { Bool, Int32, Int64, Float, String, Date, Datetime };

struct CellSource {
  CellKind kind = CellKind::Int32;
  const uint8_t* values = nullptr;
  const uint8_t* validity = nullptr;
  size_t offset = 0;
  DictSnapshot dict;

  /// Resolves `c` for reading cells [0, cells). Throws Error(Internal) when
  /// the column is missing or shorter than offset + cells. A String column
  /// without a pinned dictionary reads the live one (no concurrent writer).
  static CellSource of(const FrameColumn& c, size_t cells) {
    if (!c.column) throw_internal("frame column '" + c.name + "' has no data");
    const Column& col = *c.column;
    if (col.size() < c.offset + cells)
      throw_internal("frame column '" + c.name + "' holds " + std::to_string(col.size()) + " rows, needs " +
                     std::to_string(c.offset + cells));
    CellSource s;
    s.values = col.values_buffer()->data();
    s.validity = col.validity();
    s.offset = c.offset;
    switch (col.type()) {
      case DType::Boolean: s.kind = CellKind::Bool; break;
      case DType::Integer: s.kind = col.wide() ? CellKind::Int64 : CellKind::Int32; break;
      case DType::Float: s.kind = CellKind::Float; break;
      case DType::String:
        s.kind = CellKind::String;
        s.dict = c.dict.pinned() ? c.dict : DictSnapshot::of(*col.dict());
        break;
      case DType::Date: s.kind = CellKind::Date; break;
      case DType::Datetime: s.kind = CellKind::Datetime; break;
    }
    return s;
  }

  bool valid(size_t i) const { return bits::get(validity, offset + i); }
  template <class T> T get(size_t i) const { return reinterpret_cast<const T*>(values)[offset + i]; }
  int64_t get_int(size_t i) const { return kind == CellKind::Int64 ? get<int64_t>(i) : get<int32_t>(i); }
  /// A valid string cell; a code outside the snapshot is an engine bug.
  std::string_view get_string(size_t i) const {
    int32_t code = get<int32_t>(i);
    if (code < 0 || code >= dict.size) throw_internal("string code " + std::to_string(code) + " outside its dictionary");
    return dict.get(code);
  }
};

/// Every readable part of a Frame, checked once: data columns, row-path levels
/// (grouped frames), the key column (has_pkey) and the shape of depth and
/// pkey_offsets. A malformed frame throws Error(Internal) instead of letting a
/// writer read out of bounds.
struct FrameCells {
  std::vector<CellSource> columns;
  std::vector<CellSource> row_path;
  CellSource pkey;

  explicit FrameCells(const Frame& f) {
    const size_t n = f.num_rows;
    for (auto& c : f.columns) columns.push_back(CellSource::of(c, n));
    if (f.grouped) {
      if (f.row_path.empty()) throw_internal("grouped frame without row path");
      if (f.depth.size() != n) throw_internal("grouped frame: depth has " + std::to_string(f.depth.size()) + " rows, expected " + std::to_string(n));
      for (int32_t d : f.depth)
        if (d < 0 || size_t(d) > f.row_path.size()) throw_internal("grouped frame: row depth " + std::to_string(d) + " out of range");
      for (auto& c : f.row_path) row_path.push_back(CellSource::of(c, n));
    }
    if (f.has_pkey) {
      size_t cells = n;
      if (!f.pkey_offsets.empty()) {
        if (f.pkey_offsets.size() != n + 1 || f.pkey_offsets[0] != 0) throw_internal("frame pkey_offsets do not match its rows");
        for (size_t r = 0; r < n; ++r)
          if (f.pkey_offsets[r + 1] < f.pkey_offsets[r]) throw_internal("frame pkey_offsets decrease");
        cells = f.pkey_offsets[n];
      }
      pkey = CellSource::of(f.pkey, cells);
    }
  }
};

}  // namespace parallax::text
