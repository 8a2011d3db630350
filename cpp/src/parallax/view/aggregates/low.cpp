// low / low_water_mark: see watermark.h.
#include "parallax/view/aggregates/watermark.h"

namespace parallax::agg {

const AggregateDef& low_aggregate() {
  static const AggregateDef def{"low", {"low_water_mark"}, false, same_as_input,
                                make_watermark<false>, EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
