// distinct leaf: on the leaves of the tree, the group's value when it is
// unique; elsewhere (and when not unique) "" for strings, null otherwise.
#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class DistinctLeafAccumulator final : public RowsAccumulator<DistinctLeafAccumulator> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    const Column& c = *ctx.input->value;
    if (ctx.leaf_level && n > 0) {
      auto& v = keys_of(c, rows, n);
      bool unique = true;
      for (size_t k = 1; k < n && unique; ++k) unique = same_value(v[k], v[0]);
      if (unique) return put_cell(out, i, c, rows[0]);
    }
    if (c.type() == DType::String) out.set_string(i, "");
    else out.set_null(i);
  }
};

std::unique_ptr<GroupsAccumulator> make_distinct_leaf(const Column&, const Column*) {
  return std::make_unique<DistinctLeafAccumulator>();
}
AggregateTypes distinct_leaf_types(DType t, bool wide) {
  AggregateTypes r = same_as_input(t, wide);
  r.own_dictionary = t == DType::String;  // "" need not be in the input's dictionary
  return r;
}

}  // namespace

const AggregateDef& distinct_leaf_aggregate() {
  static const AggregateDef def{"distinct leaf", {"distinct_leaf"}, false, distinct_leaf_types, make_distinct_leaf,
                                EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
