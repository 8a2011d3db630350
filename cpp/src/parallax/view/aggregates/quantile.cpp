// median, q1, q3: the reference's get_aggregate_median. k = n * p (in float);
// when k is whole and the column is float, the result is the mean of the
// nth_element pivot and the element just before it, else the pivot itself.
// Nulls take part in the ordering (T25) and poison the mean. The element
// before the pivot is whatever libc++'s nth_element left there, hence the
// port in libcxx_nth_element.h and the reference's row order.
#include <cmath>

#include "parallax/view/aggregates/accumulator_base.h"
#include "parallax/view/aggregates/libcxx_nth_element.h"

namespace parallax::agg {

namespace {

class QuantileAccumulator final : public RowsAccumulator<QuantileAccumulator> {
 public:
  explicit QuantileAccumulator(float p) : p_(p) {}
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    const Column& c = *ctx.input->value;
    if (n == 0) return out.set_null(i);
    if (n == 1) return put_cell(out, i, c, rows[0]);
    const float raw = float(n) * p_;
    const bool whole = std::fabs(std::round(raw) - raw) <= 0.00001f;
    const size_t split = size_t(raw);
    auto& v = keys_of(c, rows, n);
    libcxx::nth_element(v.data(), v.data() + split, v.data() + n,
                        [](const CellKey& a, const CellKey& b) { return a < b; });
    if (whole && c.type() == DType::Float) {
      uint32_t a = v[split].rid, b = v[split - 1].rid;
      if (!c.is_valid(a) || !c.is_valid(b)) return out.set_null(i);
      return out.set<double>(i, (c.get<double>(a) + c.get<double>(b)) / 2.0);
    }
    put_cell(out, i, c, v[split].rid);
  }

 private:
  float p_;
};

template <int kPercent>
std::unique_ptr<GroupsAccumulator> make_quantile(const Column&, const Column*) {
  return std::make_unique<QuantileAccumulator>(float(kPercent) / 100.0f);
}

}  // namespace

const AggregateDef& median_aggregate() {
  static const AggregateDef def{"median", {}, false, same_as_input, make_quantile<50>, EmptyResult::Null};
  return def;
}
const AggregateDef& q1_aggregate() {
  static const AggregateDef def{"q1", {}, false, same_as_input, make_quantile<25>, EmptyResult::Null};
  return def;
}
const AggregateDef& q3_aggregate() {
  static const AggregateDef def{"q3", {}, false, same_as_input, make_quantile<75>, EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
