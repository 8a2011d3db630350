// The aggregate contract of the pivot engine.
//
// Every aggregate Perspective accepts is one AggregateDef (name, aliases, type
// rules, factory) registered in registry.cpp, and one GroupsAccumulator class
// in its own file. An accumulator holds the state of *every* group of one tree
// level in flat arrays indexed by dense group id (structure of arrays), and is
// driven in batches:
//
//   resize(groups)            grow to `groups` groups; new groups are empty
//   add(input, rows, groups)  fold rows into groups[i] (no per-row virtual call)
//   combine(other)            this[g] (+)= other[g]   (per-chunk partials)
//   rollup(child, parent_of)  this[parent_of[c]] (+)= child[c]   (tree levels)
//   retract(...)              inverse of add, where the maths allows it
//   fold_or_invalidate(...)   the others in a live view: fold where the state
//                             stays exact, name the groups it cannot vouch for
//   clear_group(g)            back to empty
//   finalize(ctx, groups, out) write each group's result into a Column
//
// Aggregates whose value depends on every row in the reference engine's order
// (median, dominant, join, any, last, ...) are "holistic": they declare
// needs_rows() and read the rows of each group, already in that order, from the
// FinalizeContext instead of keeping state.
//
// Thread-safety: an accumulator is used by one thread at a time; the engine
// gives each row chunk its own partial accumulator (make_empty) and combines
// them in chunk order, so results do not depend on the thread count.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "parallax/core/column.h"
#include "parallax/core/error.h"

namespace parallax::agg {

/// A run of the view's selected rows, in pkey order. `pos` is the selection
/// position of element 0: positions increase with the pkey, which is how
/// "first by index" / "last by index" order rows.
struct RowRun {
  const uint32_t* rids = nullptr;  // null: identity run, rid = first + i
  uint32_t first = 0;
  size_t pos = 0;
  size_t n = 0;
  uint32_t rid(size_t i) const { return rids ? rids[i] : first + uint32_t(i); }
};

/// The source columns of one aggregate (borrowed from the table for one refresh).
struct AggregateInput {
  const Column* value = nullptr;  // the aggregated column
  const Column* arg = nullptr;    // weight (weighted mean) or key column (max by / min by)
  bool value_has_nulls = true;    // false lets kernels skip the validity bitmap
  bool arg_has_nulls = true;
};

/// Rows of each group in the reference engine's value order (CSR): leaves in
/// creation order, rows by pkey within a leaf.
struct GroupRows {
  const uint32_t* offsets = nullptr;  // groups + 1
  const uint32_t* rows = nullptr;     // rids
  const uint32_t* leaves = nullptr;   // without split_by: the leaf node of each entry of `rows`
  size_t size(uint32_t g) const { return offsets[g + 1] - offsets[g]; }
  const uint32_t* begin(uint32_t g) const { return rows + offsets[g]; }
};

class GroupsAccumulator;

/// What finalize() may look at besides its own state.
struct FinalizeContext {
  const AggregateInput* input = nullptr;
  const uint32_t* row_counts = nullptr;    // rows per group of this level
  const GroupRows* rows = nullptr;         // set when needs_rows()
  // The parent of group g is group parent_of[g] of `parent`, the same aggregate
  // one level up (null at the root level). In split views the parent of a cell
  // is the same row's cell one column level up (the row total for one level).
  const GroupsAccumulator* parent = nullptr;
  const uint32_t* parent_of = nullptr;
  const GroupsAccumulator* root = nullptr;  // the grand total is group 0 of `root`
  bool leaf_level = false;                   // groups are leaves of their tree (distinct leaf)
  // Sorting reads the reference's stored aggregate rather than the shown value:
  // for the percentage aggregates that is the plain sum.
  bool stored = false;
};

class GroupsAccumulator {
 public:
  virtual ~GroupsAccumulator() = default;
  /// A new accumulator of the same aggregate and input types, with no groups.
  virtual std::unique_ptr<GroupsAccumulator> make_empty() const = 0;
  /// Starts a full recompute with `groups` empty groups. Watermarks keep history.
  virtual void reset(size_t groups) { resize(0), resize(groups); }
  virtual void resize(size_t groups) = 0;
  virtual void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) = 0;
  virtual void combine(const GroupsAccumulator& other) = 0;
  virtual void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) = 0;
  /// Retraction is a declared capability; aggregates without it are recomputed.
  virtual bool can_retract() const { return false; }
  virtual void retract(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) {
    throw_internal("aggregate cannot retract");
  }
  /// Live views of aggregates that cannot retract (the engine keeps every
  /// group's rows): folds rows out (sign -1) or in (+1) where the state stays
  /// exact and appends to `stale` the groups it can no longer vouch for; the
  /// engine clears those and recomputes them from their rows. `rows` address
  /// the input columns (for sign -1 the old cells of a change); rids[i] is the
  /// table rid of row i, which is what state naming a row holds. The default
  /// vouches for no touched group (holistic aggregates).
  virtual void fold_or_invalidate(int sign, const AggregateInput& in, const RowRun& rows, const uint32_t* rids,
                                  const uint32_t* groups, std::vector<uint32_t>& stale) {
    stale.insert(stale.end(), groups, groups + rows.n);
  }
  /// Returns group g to the empty state: its last row left (so no rounding
  /// residue of retractions outlives the group), or the engine is about to
  /// recompute it from its rows. Every accumulator with state implements it.
  virtual void clear_group(uint32_t g) = 0;
  virtual bool needs_rows() const { return false; }
  /// out[i] = result of group groups[i], for i in [0, n). `out` has n rows and
  /// the aggregate's value type.
  virtual void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const = 0;
  /// The sum of group g as a double (pct sum parent/total read their denominators).
  virtual double group_total(uint32_t g) const { return 0; }
};

/// Types of one aggregate applied to one input type.
struct AggregateTypes {
  DType schema;                 // what schema() reports (quirks: join reports the input type)
  DType value;                  // the type of the values in the output Column
  bool wide = false;            // Integer values stored as int64 (sums, counts)
  bool own_dictionary = false;  // String results are new strings (join), not the input's
};

/// What the grand total shows when no row is selected (a filter that matches
/// nothing, an empty table). The reference never updates its root aggregate
/// row then, so this is whatever its initial write leaves: null, a zero of the
/// value type ("" for strings), true (`and`) or 100 (`pct sum parent`).
enum class EmptyResult { Null, Zero, True, Hundred };

/// One aggregate function: names, type rules and factory. Registered in registry.cpp.
struct AggregateDef {
  std::string_view name;                   // canonical name
  std::vector<std::string_view> aliases;   // other accepted spellings
  bool takes_arg = false;                  // weighted mean, max by, min by
  /// Validates the input type (throwing Perspective's message) and returns the output types.
  AggregateTypes (*types)(DType input, bool wide) = nullptr;
  std::unique_ptr<GroupsAccumulator> (*make)(const Column& value, const Column* arg) = nullptr;
  EmptyResult empty = EmptyResult::Null;
};

}  // namespace parallax::agg
