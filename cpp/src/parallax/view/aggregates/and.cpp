// and: true when every row is truthy (nulls are not), so an empty group is
// true. The values are booleans whatever the input; the schema keeps the
// input type.
#include <vector>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class AndAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override { return std::make_unique<AndAccumulator>(); }
  void resize(size_t groups) override { falsy_.resize(groups, 0); }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    for (size_t i = 0; i < rows.n; ++i) falsy_[groups[i]] += !cell_truthy(*in.value, rows.rid(i));
  }
  bool can_retract() const override { return true; }
  void clear_group(uint32_t g) override { falsy_[g] = 0; }
  void retract(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    for (size_t i = 0; i < rows.n; ++i) falsy_[groups[i]] -= !cell_truthy(*in.value, rows.rid(i));
  }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const AndAccumulator&>(other);
    for (size_t g = 0; g < falsy_.size(); ++g) falsy_[g] += o.falsy_[g];
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const AndAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) falsy_[parent_of[i]] += c.falsy_[i];
  }
  void finalize(const FinalizeContext&, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) out.set<uint8_t>(i, falsy_[groups[i]] == 0);
  }

 private:
  std::vector<uint64_t> falsy_;
};

std::unique_ptr<GroupsAccumulator> make_and(const Column&, const Column*) { return std::make_unique<AndAccumulator>(); }
AggregateTypes and_types(DType t, bool) { return {t, DType::Boolean}; }

}  // namespace

const AggregateDef& and_aggregate() {
  static const AggregateDef def{"and", {}, false, and_types, make_and, EmptyResult::True};
  return def;
}

}  // namespace parallax::agg
