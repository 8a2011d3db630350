// weighted mean [w]: sum(x * w) / sum(w) over the rows where both x and w are
// non-null and not NaN; null when the weights sum to 0. Values are read as the
// reference's to_double (strings 0, dates packed).
#include <cmath>
#include <vector>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class WeightedMeanAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override {
    return std::make_unique<WeightedMeanAccumulator>();
  }
  void resize(size_t groups) override {
    num_.resize(groups, 0.0);
    den_.resize(groups, 0.0);
  }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override { fold(in, rows, groups, 1); }
  bool can_retract() const override { return true; }
  void clear_group(uint32_t g) override { num_[g] = 0.0, den_[g] = 0.0; }
  void retract(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    fold(in, rows, groups, -1);
  }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const WeightedMeanAccumulator&>(other);
    for (size_t g = 0; g < num_.size(); ++g) {
      num_[g] += o.num_[g];
      den_[g] += o.den_[g];
    }
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const WeightedMeanAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) {
      num_[parent_of[i]] += c.num_[i];
      den_[parent_of[i]] += c.den_[i];
    }
  }
  void finalize(const FinalizeContext&, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = groups[i];
      if (den_[g] == 0) out.set_null(i);
      else out.set<double>(i, num_[g] / den_[g]);
    }
  }

 private:
  void fold(const AggregateInput& in, const RowRun& rows, const uint32_t* groups, double sign) {
    const Column& x = *in.value;
    const Column& w = *in.arg;
    for (size_t i = 0; i < rows.n; ++i) {
      uint32_t r = rows.rid(i);
      if (!x.is_valid(r) || !w.is_valid(r)) continue;
      double xv = cell_to_double(x, r), wv = cell_to_double(w, r);
      if (std::isnan(xv) || std::isnan(wv)) continue;
      num_[groups[i]] += sign * xv * wv;
      den_[groups[i]] += sign * wv;
    }
  }

  std::vector<double> num_, den_;
};

std::unique_ptr<GroupsAccumulator> make_weighted_mean(const Column&, const Column*) {
  return std::make_unique<WeightedMeanAccumulator>();
}

}  // namespace

const AggregateDef& weighted_mean_aggregate() {
  static const AggregateDef def{"weighted mean", {"weighted_mean"}, true, float_result, make_weighted_mean,
                                EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
