// unique: the group's value when every row holds the same one (the two null
// kinds differ), else null.
#include <cstring>
#include <vector>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class UniqueAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override { return std::make_unique<UniqueAccumulator>(); }
  void resize(size_t groups) override { st_.resize(groups, State{}); }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    const Column& c = *in.value;
    for (size_t i = 0; i < rows.n; ++i) {
      uint32_t r = rows.rid(i);
      uint8_t s = cell_status(c, r);
      State cand{s == kValid ? raw_bits(c, r) : 0, r, s, 1, 0};
      merge(st_[groups[i]], cand);
    }
  }
  /// Removing a row from a uniform group leaves it uniform (unless it is the
  /// row the state names); a mixed group may have become uniform.
  void fold_or_invalidate(int sign, const AggregateInput& in, const RowRun& rows, const uint32_t* rids,
                          const uint32_t* groups, std::vector<uint32_t>& stale) override {
    if (sign > 0) return add(in, rows, groups);
    for (size_t i = 0; i < rows.n; ++i) {
      const State& s = st_[groups[i]];
      if (s.mixed || s.rid == rids[i]) stale.push_back(groups[i]);
    }
  }
  void clear_group(uint32_t g) override { st_[g] = State{}; }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const UniqueAccumulator&>(other);
    for (size_t g = 0; g < st_.size(); ++g) merge(st_[g], o.st_[g]);
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const UniqueAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) merge(st_[parent_of[i]], c.st_[i]);
  }
  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) {
      const State& s = st_[groups[i]];
      // A uniform null keeps its kind: sorts read it (an update-null group sorts last).
      if (!s.seen || s.mixed) out.set_null(i);
      else put_cell(out, i, *ctx.input->value, s.rid);
    }
  }

 private:
  struct State {
    uint64_t bits = 0;
    uint32_t rid = 0;
    uint8_t status = 0, seen = 0, mixed = 0;
  };
  /// Equality is on the stored bits (strings by dictionary code), as the reference compares.
  static uint64_t raw_bits(const Column& c, uint32_t r) {
    uint64_t b = 0;
    std::memcpy(&b, c.data<uint8_t>() + size_t(r) * c.width(), size_t(c.width()));
    return b;
  }
  static void merge(State& a, const State& b) {
    if (!b.seen) return;
    if (!a.seen) {
      a = b;
      return;
    }
    if (b.mixed || a.status != b.status || a.bits != b.bits) a.mixed = 1;
  }
  std::vector<State> st_;
};

std::unique_ptr<GroupsAccumulator> make_unique_agg(const Column&, const Column*) {
  return std::make_unique<UniqueAccumulator>();
}

}  // namespace

const AggregateDef& unique_aggregate() {
  static const AggregateDef def{"unique", {}, false, same_as_input, make_unique_agg, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
