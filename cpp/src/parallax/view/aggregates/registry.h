// The one table of aggregates: every name and alias the reference's
// str_to_aggtype accepts, mapped to its AggregateDef.
#pragma once
#include <string_view>

#include "parallax/view/aggregates/aggregate.h"

namespace parallax::agg {

/// The aggregate called `name` (canonical name or alias). Throws
/// Error(Invalid) "Encountered unknown aggregate operation: 'name'".
const AggregateDef& find_aggregate(std::string_view name);

/// Perspective's default (src _get_default_aggregate): sum for integer and
/// float columns, count for every other type.
const AggregateDef& default_aggregate(DType type);

}  // namespace parallax::agg
