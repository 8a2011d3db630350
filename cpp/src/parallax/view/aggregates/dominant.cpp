// dominant: the most frequent value, ties to the smaller one. A port of the
// reference's get_dominant: sort, then count runs of equal *valid* values,
// judging a run only when it ends before the last element or at it. Nulls
// never form runs, so a leading null (creation nulls sort first) wins when no
// value repeats.
#include <algorithm>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class DominantAccumulator final : public RowsAccumulator<DominantAccumulator> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    const Column& c = *ctx.input->value;
    if (n == 0) return write_zero(out, i);
    auto& v = keys_of(c, rows, n);
    std::sort(v.begin(), v.end());
    size_t best = 0;
    int64_t best_count = 1, count = 1;
    for (size_t k = 1; k < n; ++k) {
      bool equal = same_value(v[k], v[k - 1]);
      if (equal && v[k].status == kValid) ++count;
      if (k + 1 == n || !equal) {
        if (count > best_count) {
          best = k - 1;
          best_count = count;
        }
        count = 1;
      }
    }
    put_cell(out, i, c, v[best].rid);
  }
};

std::unique_ptr<GroupsAccumulator> make_dominant(const Column&, const Column*) {
  return std::make_unique<DominantAccumulator>();
}

}  // namespace

const AggregateDef& dominant_aggregate() {
  static const AggregateDef def{"dominant", {}, false, same_as_input, make_dominant, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
