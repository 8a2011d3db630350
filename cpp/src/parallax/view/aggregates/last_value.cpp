// last / last_value: the value of the last row of the group's last leaf, the
// leaves taken in creation order (for a leaf: its row with the highest pkey).
// That is the last row of the group's row list.
#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class LastValueAccumulator final : public RowsAccumulator<LastValueAccumulator> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    if (n == 0) return write_zero(out, i);
    put_cell(out, i, *ctx.input->value, rows[n - 1]);
  }
};

std::unique_ptr<GroupsAccumulator> make_last_value(const Column&, const Column*) {
  return std::make_unique<LastValueAccumulator>();
}

}  // namespace

const AggregateDef& last_value_aggregate() {
  static const AggregateDef def{"last", {"last_value"}, false, same_as_input, make_last_value, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
