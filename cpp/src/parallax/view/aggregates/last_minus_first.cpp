// last minus first: (last by index) - (first by index) for integer and float
// columns; null when either end is null, and for every other type.
#include "parallax/view/aggregates/by_index.h"

namespace parallax::agg {

namespace {
struct Difference {
  void operator()(const Column& src, uint32_t first, uint32_t last, Column& out, size_t i) const {
    if (!src.is_valid(first) || !src.is_valid(last)) return out.set_null(i);
    if (src.type() == DType::Integer) return out.set_int(i, src.get_int(last) - src.get_int(first));
    if (src.type() == DType::Float) return out.set<double>(i, src.get<double>(last) - src.get<double>(first));
    out.set_null(i);
  }
};
std::unique_ptr<GroupsAccumulator> make_last_minus_first(const Column&, const Column*) {
  return std::make_unique<ByIndexAccumulator<Difference>>();
}
}  // namespace

const AggregateDef& last_minus_first_aggregate() {
  static const AggregateDef def{"last minus first", {}, false, same_as_input, make_last_minus_first,
                                EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
