#include "parallax/view/aggregates/registry.h"

#include <string>

namespace parallax::agg {

// One accessor per aggregate file.
const AggregateDef& sum_aggregate();
const AggregateDef& sum_abs_aggregate();
const AggregateDef& abs_sum_aggregate();
const AggregateDef& sum_not_null_aggregate();
const AggregateDef& pct_sum_parent_aggregate();
const AggregateDef& pct_sum_grand_total_aggregate();
const AggregateDef& mean_aggregate();
const AggregateDef& weighted_mean_aggregate();
const AggregateDef& count_aggregate();
const AggregateDef& distinct_count_aggregate();
const AggregateDef& dominant_aggregate();
const AggregateDef& first_aggregate();
const AggregateDef& last_value_aggregate();
const AggregateDef& last_by_index_aggregate();
const AggregateDef& last_minus_first_aggregate();
const AggregateDef& high_aggregate();
const AggregateDef& low_aggregate();
const AggregateDef& high_minus_low_aggregate();
const AggregateDef& max_aggregate();
const AggregateDef& min_aggregate();
const AggregateDef& median_aggregate();
const AggregateDef& q1_aggregate();
const AggregateDef& q3_aggregate();
const AggregateDef& variance_aggregate();
const AggregateDef& stddev_aggregate();
const AggregateDef& unique_aggregate();
const AggregateDef& join_aggregate();
const AggregateDef& any_aggregate();
const AggregateDef& and_aggregate();
const AggregateDef& max_by_aggregate();
const AggregateDef& min_by_aggregate();
const AggregateDef& mul_aggregate();
const AggregateDef& distinct_leaf_aggregate();
const AggregateDef& identity_aggregate();
const AggregateDef& mean_by_count_aggregate();

namespace {

using Accessor = const AggregateDef& (*)();

constexpr Accessor kAggregates[] = {
    sum_aggregate,          sum_abs_aggregate,        abs_sum_aggregate,
    sum_not_null_aggregate, pct_sum_parent_aggregate, pct_sum_grand_total_aggregate,
    mean_aggregate,         weighted_mean_aggregate,  count_aggregate,
    distinct_count_aggregate, dominant_aggregate,     first_aggregate,
    last_value_aggregate,   last_by_index_aggregate,  last_minus_first_aggregate,
    high_aggregate,         low_aggregate,            high_minus_low_aggregate,
    max_aggregate,          min_aggregate,            median_aggregate,
    q1_aggregate,           q3_aggregate,             variance_aggregate,
    stddev_aggregate,       unique_aggregate,         join_aggregate,
    any_aggregate,          and_aggregate,            max_by_aggregate,
    min_by_aggregate,       mul_aggregate,            distinct_leaf_aggregate,
    identity_aggregate,     mean_by_count_aggregate,
};

}  // namespace

const AggregateDef& find_aggregate(std::string_view name) {
  for (Accessor a : kAggregates) {
    const AggregateDef& d = a();
    if (d.name == name) return d;
    for (std::string_view alias : d.aliases)
      if (alias == name) return d;
  }
  throw_invalid("Encountered unknown aggregate operation: '" + std::string(name) + "'");
}

const AggregateDef& default_aggregate(DType type) {
  return type == DType::Integer || type == DType::Float ? sum_aggregate() : count_aggregate();
}

}  // namespace parallax::agg
