// min: see extremum.h.
#include "parallax/view/aggregates/extremum.h"

namespace parallax::agg {

namespace {
std::unique_ptr<GroupsAccumulator> make_min(const Column&, const Column*) {
  return std::make_unique<ExtremumAccumulator<false>>();
}
}  // namespace

const AggregateDef& min_aggregate() {
  static const AggregateDef def{"min", {}, false, same_as_input, make_min, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
