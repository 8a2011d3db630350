// max: see extremum.h.
#include "parallax/view/aggregates/extremum.h"

namespace parallax::agg {

namespace {
std::unique_ptr<GroupsAccumulator> make_max(const Column&, const Column*) {
  return std::make_unique<ExtremumAccumulator<true>>();
}
}  // namespace

const AggregateDef& max_aggregate() {
  static const AggregateDef def{"max", {}, false, same_as_input, make_max, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
