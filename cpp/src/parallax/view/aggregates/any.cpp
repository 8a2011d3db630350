// any / or: the first truthy value in the group's row order (T13: nulls and
// zeros are not truthy); the zero of the type when there is none.
#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class AnyAccumulator final : public RowsAccumulator<AnyAccumulator> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    const Column& c = *ctx.input->value;
    for (size_t k = 0; k < n; ++k)
      if (cell_truthy(c, rows[k])) return put_cell(out, i, c, rows[k]);
    write_zero(out, i);
  }
};

std::unique_ptr<GroupsAccumulator> make_any(const Column&, const Column*) { return std::make_unique<AnyAccumulator>(); }

}  // namespace

const AggregateDef& any_aggregate() {
  static const AggregateDef def{"any", {"or"}, false, same_as_input, make_any, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
