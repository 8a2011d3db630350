// Per-group first and last row by pkey (the reference orders these by its
// `psp_okey`, which follows the pkey). Rows arrive in pkey order with
// increasing selection positions, so the first row seen is the first by pkey.
// State of `first` / `first by index`, `last by index` and `last minus first`.
#pragma once
#include <memory>
#include <vector>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

class ByIndexState {
 public:
  void resize(size_t groups) { st_.resize(groups, Ends{}); }
  void add(const RowRun& rows, const uint32_t* groups) {
    for (size_t i = 0; i < rows.n; ++i) {
      Ends& e = st_[groups[i]];
      uint64_t pos = rows.pos + i;
      uint32_t r = rows.rid(i);
      if (!e.seen) {
        e = {pos, pos, r, r, 1};
      } else {
        e.last_pos = pos;
        e.last = r;
      }
    }
  }
  void merge(size_t g, const ByIndexState& o, size_t og) {
    const Ends& b = o.st_[og];
    if (!b.seen) return;
    Ends& a = st_[g];
    if (!a.seen) {
      a = b;
      return;
    }
    if (b.first_pos < a.first_pos) a.first_pos = b.first_pos, a.first = b.first;
    if (b.last_pos > a.last_pos) a.last_pos = b.last_pos, a.last = b.last;
  }
  size_t size() const { return st_.size(); }
  bool seen(uint32_t g) const { return st_[g].seen; }
  void clear(uint32_t g) { st_[g] = Ends{}; }
  uint32_t first(uint32_t g) const { return st_[g].first; }
  uint32_t last(uint32_t g) const { return st_[g].last; }

 private:
  struct Ends {
    uint64_t first_pos = 0, last_pos = 0;
    uint32_t first = 0, last = 0;
    uint8_t seen = 0;
  };
  std::vector<Ends> st_;
};

/// The accumulator; `Finish` writes one group's result from its two end rows.
template <class Finish>
class ByIndexAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override { return std::make_unique<ByIndexAccumulator>(); }
  void resize(size_t groups) override { st_.resize(groups); }
  void add(const AggregateInput&, const RowRun& rows, const uint32_t* groups) override { st_.add(rows, groups); }
  /// Removing a row other than the two ends leaves them. An added row's place
  /// in pkey order is not known here: its group is recomputed.
  void fold_or_invalidate(int sign, const AggregateInput&, const RowRun& rows, const uint32_t* rids,
                          const uint32_t* groups, std::vector<uint32_t>& stale) override {
    for (size_t i = 0; i < rows.n; ++i) {
      uint32_t g = groups[i];
      if (sign > 0 || (st_.seen(g) && (st_.first(g) == rids[i] || st_.last(g) == rids[i]))) stale.push_back(g);
    }
  }
  void clear_group(uint32_t g) override { st_.clear(g); }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const ByIndexAccumulator&>(other);
    for (size_t g = 0; g < st_.size(); ++g) st_.merge(g, o.st_, g);
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const ByIndexAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) st_.merge(parent_of[i], c.st_, i);
  }
  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = groups[i];
      if (!st_.seen(g)) out.set_null(i);
      else Finish()(*ctx.input->value, st_.first(g), st_.last(g), out, i);
    }
  }

 private:
  ByIndexState st_;
};

}  // namespace parallax::agg
