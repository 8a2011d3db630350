// high / high_water_mark: see watermark.h.
#include "parallax/view/aggregates/watermark.h"

namespace parallax::agg {

const AggregateDef& high_aggregate() {
  static const AggregateDef def{"high", {"high_water_mark"}, false, same_as_input,
                                make_watermark<true>, EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
