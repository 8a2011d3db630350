// count: rows in the group, nulls included (T13). The engine already counts
// the rows of every group, so this keeps no state.
#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class CountAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override { return std::make_unique<CountAccumulator>(); }
  void resize(size_t) override {}
  void add(const AggregateInput&, const RowRun&, const uint32_t*) override {}
  bool can_retract() const override { return true; }
  void retract(const AggregateInput&, const RowRun&, const uint32_t*) override {}
  void clear_group(uint32_t) override {}
  void combine(const GroupsAccumulator&) override {}
  void rollup(const GroupsAccumulator&, const uint32_t*, size_t) override {}
  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) out.set_int(i, ctx.row_counts[groups[i]]);
  }
};

std::unique_ptr<GroupsAccumulator> make_count(const Column&, const Column*) {
  return std::make_unique<CountAccumulator>();
}

AggregateTypes count_types(DType, bool) { return {DType::Integer, DType::Integer, true}; }

}  // namespace

const AggregateDef& count_aggregate() {
  static const AggregateDef def{"count", {}, false, count_types, make_count, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
