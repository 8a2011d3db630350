// The aggregate table: every name and alias Perspective 3.8 accepts resolves,
// unknown names fail with its message, type rules raise its errors, and the
// defaults follow the column type.
#include <gtest/gtest.h>

#include "parallax/core/error.h"
#include "parallax/view/aggregates/registry.h"

using namespace parallax;
using namespace parallax::agg;

TEST(AggregateRegistry, AliasesResolveToOneDefinition) {
  const std::pair<const char*, const char*> same[] = {
      {"mean", "avg"},           {"distinct", "distinct count"},  {"distinctcount", "distinct count"},
      {"distinct_count", "distinct count"}, {"first by index", "first"}, {"last_value", "last"},
      {"high_water_mark", "high"}, {"low_water_mark", "low"},       {"variance", "var"},
      {"standard deviation", "stddev"}, {"or", "any"},             {"pct_sum_parent", "pct sum parent"},
      {"pct sum total", "pct sum grand total"}, {"pct_sum_grand_total", "pct sum grand total"},
      {"abs_sum", "abs sum"},     {"sum_abs", "sum abs"},          {"sum_not_null", "sum not null"},
      {"max_by", "max by"},       {"min_by", "min by"},            {"weighted_mean", "weighted mean"},
      {"distinct_leaf", "distinct leaf"}, {"mean_by_count", "mean by count"},
  };
  for (auto& [alias, name] : same) EXPECT_EQ(&find_aggregate(alias), &find_aggregate(name)) << alias;
}

TEST(AggregateRegistry, UnknownNamesFailWithPerspectivesMessage) {
  try {
    find_aggregate("median ");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "Encountered unknown aggregate operation: 'median '");
  }
  EXPECT_THROW(find_aggregate("Sum"), Error);  // names are case-sensitive
}

TEST(AggregateRegistry, TypeRules) {
  auto message = [](const char* agg, DType t) -> std::string {
    try {
      find_aggregate(agg).types(t, false);
      return "";
    } catch (const Error& e) {
      return e.what();
    }
  };
  EXPECT_EQ(message("sum", DType::String), "Unexpected coltype");
  EXPECT_EQ(message("sum", DType::Datetime), "Unexpected coltype");
  EXPECT_EQ(message("pct sum parent", DType::Date), "Unexpected coltype");
  EXPECT_EQ(message("avg", DType::Date), "Unexpected dtype");
  EXPECT_EQ(message("avg", DType::Datetime), "Unexpected dtype");
  EXPECT_EQ(message("identity", DType::Integer), "Not implemented");
  EXPECT_EQ(message("median", DType::String), "");
  // Reported vs real types (T14): sum of booleans reports boolean, join the input type.
  EXPECT_EQ(find_aggregate("sum").types(DType::Boolean, false).schema, DType::Boolean);
  EXPECT_EQ(find_aggregate("sum").types(DType::Boolean, false).value, DType::Integer);
  EXPECT_EQ(find_aggregate("join").types(DType::Integer, false).schema, DType::Integer);
  EXPECT_EQ(find_aggregate("join").types(DType::Integer, false).value, DType::String);
  EXPECT_TRUE(find_aggregate("sum").types(DType::Integer, false).wide);
  EXPECT_EQ(find_aggregate("count").types(DType::Date, false).schema, DType::Integer);
}

TEST(AggregateRegistry, DefaultsFollowTheType) {
  EXPECT_EQ(default_aggregate(DType::Integer).name, "sum");
  EXPECT_EQ(default_aggregate(DType::Float).name, "sum");
  for (DType t : {DType::String, DType::Boolean, DType::Date, DType::Datetime}) EXPECT_EQ(default_aggregate(t).name, "count");
}
