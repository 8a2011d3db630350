// max by [w] / min by [w]: the value of the first row (in the group's row
// order) whose `w` is the largest / smallest, with nulls of `w` taking part
// in the ordering (T1).
#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

template <bool kMax>
class ArgExtremumAccumulator final : public RowsAccumulator<ArgExtremumAccumulator<kMax>> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    if (n == 0) return write_zero(out, i);
    auto& w = this->keys_of(*ctx.input->arg, rows, n);
    size_t best = 0;
    for (size_t k = 1; k < n; ++k)
      if (kMax ? w[best] < w[k] : w[k] < w[best]) best = k;
    put_cell(out, i, *ctx.input->value, rows[best]);
  }
};

template <bool kMax>
std::unique_ptr<GroupsAccumulator> make_arg_extremum(const Column&, const Column*) {
  return std::make_unique<ArgExtremumAccumulator<kMax>>();
}

}  // namespace

const AggregateDef& max_by_aggregate() {
  static const AggregateDef def{"max by", {"max_by"}, true, same_as_input, make_arg_extremum<true>, EmptyResult::Zero};
  return def;
}
const AggregateDef& min_by_aggregate() {
  static const AggregateDef def{"min by", {"min_by"}, true, same_as_input, make_arg_extremum<false>,
                                EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
