// first / first by index: the value of the row with the lowest pkey (a null
// there gives null).
#include "parallax/view/aggregates/by_index.h"

namespace parallax::agg {

namespace {
struct TakeFirst {
  void operator()(const Column& src, uint32_t first, uint32_t, Column& out, size_t i) const {
    put_cell(out, i, src, first);
  }
};
std::unique_ptr<GroupsAccumulator> make_first(const Column&, const Column*) {
  return std::make_unique<ByIndexAccumulator<TakeFirst>>();
}
}  // namespace

const AggregateDef& first_aggregate() {
  static const AggregateDef def{"first", {"first by index"}, false, same_as_input, make_first, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
