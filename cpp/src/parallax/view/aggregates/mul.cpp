// mul: the product of the group's values in row order. Nulls multiply as the
// stored 0 (T2), except that a one-row group shows its value as it is (a null
// stays a null of its kind; a 32-bit integer lands zero-extended in the 64-bit
// result, so -10 shows as 4294967286). Float columns multiply as doubles,
// integers as int64.
#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class MulAccumulator final : public RowsAccumulator<MulAccumulator> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    const Column& c = *ctx.input->value;
    if (n == 0) return out.set_null(i);
    if (n == 1) {
      if (!c.is_valid(rows[0])) return out.set_null(i, c.null_kind(rows[0]));
      if (c.type() == DType::Float) return out.set<double>(i, c.get<double>(rows[0]));
      int64_t v = int64_t(cell_to_double(c, rows[0]));
      if (c.type() == DType::Integer && !c.wide()) v = int64_t(uint32_t(int32_t(v)));
      return out.set_int(i, v);
    }
    if (c.type() == DType::Float) {
      double p = cell_to_double(c, rows[0]);
      for (size_t k = 1; k < n; ++k) p *= cell_to_double(c, rows[k]);
      return out.set<double>(i, p);
    }
    uint64_t p = uint64_t(int64_t(cell_to_double(c, rows[0])));  // wrapping like int64 overflow
    for (size_t k = 1; k < n; ++k) p *= uint64_t(int64_t(cell_to_double(c, rows[k])));
    out.set_int(i, int64_t(p));
  }
};

std::unique_ptr<GroupsAccumulator> make_mul(const Column&, const Column*) { return std::make_unique<MulAccumulator>(); }

AggregateTypes mul_types(DType t, bool wide) {
  AggregateTypes r = sum_types(t, wide);
  return r;
}

}  // namespace

const AggregateDef& mul_aggregate() {
  static const AggregateDef def{"mul", {}, false, mul_types, make_mul, EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
