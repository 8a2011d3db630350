// Shared pieces of the aggregate implementations: type rules and the base
// class of the holistic aggregates (those computed from each group's rows).
#pragma once
#include <memory>
#include <vector>

#include "parallax/view/aggregates/aggregate.h"
#include "parallax/view/aggregates/cell_values.h"

namespace parallax::agg {

// ---- type rules -------------------------------------------------------------

/// Result has the input's type (first, max, median, ...).
inline AggregateTypes same_as_input(DType t, bool wide) { return {t, t, t == DType::Integer && wide}; }

/// Result is a float whatever the input (avg, var, pct sums, weighted mean).
inline AggregateTypes float_result(DType, bool) { return {DType::Float, DType::Float}; }

/// The sum family accepts integers, floats and booleans; anything else fails
/// like the reference's accumulator-type lookup. Integer results are 64-bit.
inline AggregateTypes sum_types(DType t, bool) {
  switch (t) {
    case DType::Integer: return {DType::Integer, DType::Integer, true};
    case DType::Float: return {DType::Float, DType::Float};
    case DType::Boolean: return {DType::Boolean, DType::Integer, true};  // schema keeps "boolean" (T14)
    default: throw_invalid("Unexpected coltype");
  }
}

// ---- holistic base ------------------------------------------------------------

/// Base of the aggregates computed from every row of a group, visited in the
/// reference engine's order (GroupRows). They keep no state of their own: the
/// engine builds the row lists once for all of them. Derived classes provide
///   void evaluate(const FinalizeContext&, const uint32_t* rows, size_t n, Column& out, size_t i) const;
template <class Derived>
class RowsAccumulator : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
  void resize(size_t) override {}
  void add(const AggregateInput&, const RowRun&, const uint32_t*) override {}
  void clear_group(uint32_t) override {}
  void combine(const GroupsAccumulator&) override {}
  void rollup(const GroupsAccumulator&, const uint32_t*, size_t) override {}
  bool needs_rows() const override { return true; }
  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    const auto& self = static_cast<const Derived&>(*this);
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = groups[i];
      self.evaluate(ctx, ctx.rows->begin(g), ctx.rows->size(g), out, i);
    }
  }

 protected:
  /// Order keys of `rows` of `c` in a reusable buffer (finalize is single-threaded).
  std::vector<CellKey>& keys_of(const Column& c, const uint32_t* rows, size_t n) const {
    scratch_.resize(n);
    make_cell_keys(c, rows, n, scratch_.data());
    return scratch_;
  }

 private:
  mutable std::vector<CellKey> scratch_;
};

/// Writes cell `rid` of `src` (or a null of its kind) into out[i].
inline void put_cell(Column& out, size_t i, const Column& src, uint32_t rid) { out.copy_cell(i, src, rid); }

/// The reference's packed date 0 ("0000-01-00"), shown as the day before 0000-01-01.
extern const int32_t kZeroDate;

/// Writes the zero of out's type: 0, false, "", or a date/datetime of raw 0.
/// What the reference shows when it stores an empty scalar into an aggregate
/// column.
void write_zero(Column& out, size_t i);

}  // namespace parallax::agg
