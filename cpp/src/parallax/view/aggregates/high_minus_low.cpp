// high minus low: max - min with nulls taking part in the ordering (T1), so
// any null in the group gives null; integer and float columns only.
#include "parallax/view/aggregates/extremum.h"

namespace parallax::agg {

namespace {

class HighMinusLowAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override {
    return std::make_unique<HighMinusLowAccumulator>();
  }
  void resize(size_t groups) override {
    hi_.resize(groups);
    lo_.resize(groups);
  }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    hi_.add(in, rows, groups);
    lo_.add(in, rows, groups);
  }
  void fold_or_invalidate(int sign, const AggregateInput& in, const RowRun& rows, const uint32_t* rids,
                          const uint32_t* groups, std::vector<uint32_t>& stale) override {
    hi_.fold_or_invalidate(sign, in, rows, rids, groups, stale);
    lo_.fold_or_invalidate(sign, in, rows, rids, groups, stale);
  }
  void clear_group(uint32_t g) override {
    hi_.clear_group(g);
    lo_.clear_group(g);
  }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const HighMinusLowAccumulator&>(other);
    hi_.combine(o.hi_);
    lo_.combine(o.lo_);
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const HighMinusLowAccumulator&>(child);
    hi_.rollup(c.hi_, parent_of, nchild);
    lo_.rollup(c.lo_, parent_of, nchild);
  }
  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    // Resolve both ends into scratch columns of the input type, then subtract.
    const Column& src = *ctx.input->value;
    Column hi(src.type(), src.wide(), src.dict()), lo(src.type(), src.wide(), src.dict());
    hi.resize_exact(n);
    lo.resize_exact(n);
    hi_.finalize(ctx, groups, n, hi);
    lo_.finalize(ctx, groups, n, lo);
    for (size_t i = 0; i < n; ++i) {
      if (!hi.is_valid(i) || !lo.is_valid(i)) out.set_null(i);
      else if (src.type() == DType::Integer) out.set_int(i, hi.get_int(i) - lo.get_int(i));
      else if (src.type() == DType::Float) out.set<double>(i, hi.get<double>(i) - lo.get<double>(i));
      else out.set_null(i);
    }
  }

 private:
  ExtremumAccumulator<true> hi_;
  ExtremumAccumulator<false> lo_;
};

std::unique_ptr<GroupsAccumulator> make_high_minus_low(const Column&, const Column*) {
  return std::make_unique<HighMinusLowAccumulator>();
}

}  // namespace

const AggregateDef& high_minus_low_aggregate() {
  static const AggregateDef def{"high minus low", {}, false, same_as_input, make_high_minus_low, EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
