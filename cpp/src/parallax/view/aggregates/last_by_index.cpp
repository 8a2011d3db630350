// last by index: the value of the row with the highest pkey.
#include "parallax/view/aggregates/by_index.h"

namespace parallax::agg {

namespace {
struct TakeLast {
  void operator()(const Column& src, uint32_t, uint32_t last, Column& out, size_t i) const {
    put_cell(out, i, src, last);
  }
};
std::unique_ptr<GroupsAccumulator> make_last_by_index(const Column&, const Column*) {
  return std::make_unique<ByIndexAccumulator<TakeLast>>();
}
}  // namespace

const AggregateDef& last_by_index_aggregate() {
  static const AggregateDef def{"last by index", {}, false, same_as_input, make_last_by_index, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
