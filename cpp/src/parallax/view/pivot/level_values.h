// The distinct values of one group_by / split_by column as dense codes that
// stay stable across refreshes (the group index persists, so expand state and
// aggregate history can key on them). Code 0 is the creation null, code 1 the
// update null (the reference keeps them as two groups, ordered first and
// last, T1), codes >= 2 are values: 2 + the dictionary code for strings,
// 2 + the value for booleans, first-seen order for the other types.
//
// Thread-safety: encode() is the only mutator; the owning engine serialises it.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parallax/core/column.h"
#include "parallax/core/flat_map.h"
#include "parallax/view/pivot/row_selection.h"

namespace parallax {

class GroupTree;

class LevelValues {
 public:
  static constexpr uint32_t kCtorNull = 0, kUpdateNull = 1;

  LevelValues(DType type, bool wide) : type_(type), wide_(wide) {}
  DType type() const { return type_; }
  bool wide() const { return wide_; }

  /// codes[i] = code of the cell of selected row i, adding unseen values.
  /// A different string dictionary than before invalidates every code: the
  /// caller must then drop state keyed on them (returns false).
  bool encode(const Column& col, const RowSelection& sel, uint32_t* codes);
  /// Strings and booleans: codes follow from the cell alone (no index), so a
  /// caller may skip encode() and compute them block by block.
  bool direct() const { return type_ == DType::String || type_ == DType::Boolean; }
  /// For direct types: takes in the column's current values without reading
  /// rows (the same return as encode()).
  bool prepare(const Column& col);
  /// For direct types: out[i - b] = code of selected row i, i in [b, e).
  /// `has_nulls`: whether the column may hold nulls (computed once by the caller).
  void encode_block(const Column& col, bool has_nulls, const RowSelection& sel, size_t b, size_t e,
                    uint32_t* out) const;
  uint32_t size() const { return size_; }
  /// rank(code) orders codes as the reference orders group values.
  uint32_t rank(uint32_t code) const { return ranks_[code]; }

  /// Writes the value of `code` into out[i] (a Column of this level's type;
  /// strings must share the column's dictionary), nulls with their kind.
  void write(uint32_t code, Column& out, size_t i) const;
  /// The text of `code` in a split column path ("null" for nulls).
  void append_text(std::string& out, uint32_t code) const;
  const std::shared_ptr<Dictionary>& dict() const { return dict_; }

 private:
  void update_ranks();

  DType type_;
  bool wide_;
  uint32_t size_ = 2;
  std::shared_ptr<Dictionary> dict_;   // strings
  FlatMap64 index_;                    // other types: value bits -> code
  std::vector<uint64_t> bits_;         // code -> value bits (codes >= 2, other types)
  std::vector<uint32_t> ranks_;
  uint32_t ranked_size_ = 0;
};

/// Sorts `nodes` of `level` of `tree` by their value paths (level 1 first),
/// each level in value order: the order the reference creates nodes in when
/// it builds a tree, and the order of split column leaves.
void sort_by_path(const GroupTree& tree, const std::vector<LevelValues>& values, size_t level,
                  std::vector<uint32_t>& nodes);

}  // namespace parallax
