// join: the distinct values in order (creation nulls first, update nulls
// last), printed like the reference's to_string and joined with ", ", stopping
// before the value that would take the text past 280 characters. The values
// are strings; the schema still reports the input type (T14).
#include <algorithm>
#include <string>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

constexpr size_t kMaxJoin = 280;

class JoinAccumulator final : public RowsAccumulator<JoinAccumulator> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    const Column& c = *ctx.input->value;
    auto& v = keys_of(c, rows, n);
    std::stable_sort(v.begin(), v.end());
    std::string text, item;
    size_t size = 0;
    bool first = true;
    for (size_t k = 0; k < n; ++k) {
      if (k > 0 && !(v[k - 1] < v[k])) continue;  // equivalent to the previous value
      item.clear();
      append_cell_text(item, c, v[k].rid);
      if (item.size() + size > kMaxJoin) break;
      if (!first) {
        size += 2;
        text += ", ";
      }
      first = false;
      size += item.size();
      text += item;
    }
    out.set_string(i, text);
  }
};

std::unique_ptr<GroupsAccumulator> make_join(const Column&, const Column*) {
  return std::make_unique<JoinAccumulator>();
}
AggregateTypes join_types(DType t, bool) { return {t, DType::String, false, true}; }

}  // namespace

const AggregateDef& join_aggregate() {
  static const AggregateDef def{"join", {}, false, join_types, make_join, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
