// var / variance and stddev / standard deviation: population statistics of
// the non-null values (read as to_double), null for fewer than two values.
// Computed like the reference: one Welford pass over the group's values in
// its row order, so results agree to the last bit even where the values are
// large and close together (packed dates, prices), which merging partial
// states in another order would not.
#include <cmath>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class VarianceAccumulator final : public RowsAccumulator<VarianceAccumulator> {
 public:
  explicit VarianceAccumulator(bool sqrt) : sqrt_(sqrt) {}
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    const Column& c = *ctx.input->value;
    double count = 0, mean = 0, m2 = 0;
    for (size_t k = 0; k < n; ++k) {
      if (!c.is_valid(rows[k])) continue;
      double x = cell_to_double(c, rows[k]);
      count++;
      double next = mean + (x - mean) / count;
      m2 += (x - mean) * (x - next);
      mean = next;
    }
    if (count < 2) return out.set_null(i);
    double v = m2 / count;
    out.set<double>(i, sqrt_ ? std::sqrt(v) : v);
  }

 private:
  bool sqrt_;
};

std::unique_ptr<GroupsAccumulator> make_var(const Column&, const Column*) {
  return std::make_unique<VarianceAccumulator>(false);
}
std::unique_ptr<GroupsAccumulator> make_stddev(const Column&, const Column*) {
  return std::make_unique<VarianceAccumulator>(true);
}

}  // namespace

const AggregateDef& variance_aggregate() {
  static const AggregateDef def{"var", {"variance"}, false, float_result, make_var, EmptyResult::Null};
  return def;
}

const AggregateDef& stddev_aggregate() {
  static const AggregateDef def{"stddev", {"standard deviation"}, false, float_result, make_stddev,
                                EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
