// Incremental maintenance of a grouped view: replaying the table's journal
// (TableDelta) into the persistent group trees and grids.
//
// The changes since the last refresh are composed into their net effect per
// row (NetChange): the cells each touched row had before the first change
// are folded out of their groups where they passed the filter (retract), then
// the current cells of the touched rows live now are folded in where they pass
// it (add, creating groups on the way). Groups that lose their last row vanish
// from the traversal and clear their state. This keeps the engine in the state
// a recompute would reach, up to float rounding of retracted sums (the
// reference also updates sums by adding deltas, sparse_tree.cpp).
#include <algorithm>
#include <numeric>

#include "parallax/view/pivot/grouped_engine.h"

namespace parallax {

namespace {

/// The pre-change cells of a delta's changed and removed rows, addressed by
/// their position in the delta, as a ColumnSource for the filter.
class DeltaColumnSource final : public ColumnSource {
 public:
  DeltaColumnSource(const Table& table, const ExpressionColumns* exprs, const TableDelta& d)
      : fields_(table, exprs), d_(d) {}
  const Field* field(std::string_view name) const override { return fields_.field(name); }
  const Column& column(std::string_view name) const override {
    fields_.column(name);  // the table's own check and message for an unknown name
    return *d_.old[size_t(fields_.index(name))];
  }

 private:
  TableColumnSource fields_;  // names and types are the table's and the view's
  const TableDelta& d_;
};

}  // namespace

std::vector<bool> GroupedEngine::journal_columns(const Table& table) const {
  std::vector<bool> out(table.column_count(), false);
  // Not the group_by / split_by columns: rows leave the cells the lattice
  // remembers for them (fold_rows()).
  for (const std::vector<int>* cols : {&agg_col_, &arg_col_})
    for (int c : *cols)
      if (c >= 0) out[size_t(c)] = true;
  for (const std::string& name : filter_.columns()) {
    int c = TableColumnSource(table, &exprs_).index(name);
    if (c >= 0) out[size_t(c)] = true;
  }
  return out;
}

bool GroupedEngine::replay(const Table& table) {
  std::optional<NetChange> net = table.replayable_change(version_);
  if (!net) return false;
  // Aggregates that cannot retract need the rows of every cell, recorded
  // from the last recompute's state (the first change after it pays for it).
  if (!lattice_->retractable() && !lattice_->live()) lattice_->go_live(bind(table, false));
  touched_.assign(rows_.depth() + 1, {});
  touched_all_ = true;  // until reorder() reads the tracked cells
  if (row_deltas_) lattice_->begin_tracking(spec_.outputs);
  return apply(table, *net);
}

bool GroupedEngine::apply(const Table& table, const NetChange& net) {
  // The null-keeping bookkeeping below costs hash lookups per row: only when
  // a touched row now has a null group value, or some row is held already.
  auto any_held = [&] {
    for (auto* keep : {&row_keep_, &col_keep_})
      for (auto& m : *keep)
        if (m.size() > 0) return true;
    return false;
  };
  keep_nulls_ = any_held();
  if (keep_nulls_) {
    // Rows that left, and new rows in recycled rids, are held nowhere: forget
    // them, so the bookkeeping switches off once no held row remains.
    std::vector<uint32_t> live = net.after;
    std::sort(live.begin(), live.end());
    auto forget = [&](uint32_t r) {
      for (auto* keep : {&row_keep_, &col_keep_})
        for (auto& m : *keep) m.erase(r);
    };
    for (uint32_t r : net.rids)
      if (!std::binary_search(live.begin(), live.end(), r)) forget(r);
    for (uint32_t r : net.recycled) forget(r);
    keep_nulls_ = any_held();
  }
  for (const std::vector<int>* cols : {&row_col_, &split_col_})
    for (int c : *cols) {
      const Column& col = *table.column(c);
      for (size_t i = 0; i < net.after.size() && !keep_nulls_; ++i) keep_nulls_ = !col.is_valid(net.after[i]);
    }
  // Out: each touched row that was live and selected before, with its old cells.
  // An entry made before this view attached may lack columns it reads.
  const std::vector<bool> needed = journal_columns(table);
  for (const NetChange::Before& b : net.before)
    for (size_t c = 0; c < needed.size(); ++c)
      if (needed[c] && (c >= b.delta->old.size() || !b.delta->old[c])) return false;
  for (const NetChange::Before& b : net.before) {
    DeltaColumnSource old(table, &exprs_, *b.delta);
    std::vector<uint32_t> pos;
    for (uint32_t p : b.positions)
      if (filter_.empty() || filter_.matches(old, p)) pos.push_back(p);
    std::vector<const Column*> cols;
    for (auto& c : b.delta->old) cols.push_back(c.get());
    const size_t nc = b.delta->changed.size();
    std::vector<uint32_t> rids;
    for (uint32_t p : pos) rids.push_back(p < nc ? b.delta->changed[p] : b.delta->removed[p - nc]);
    if (!fold_rows(-1, cols, pos, rids)) return false;
  }
  // A recycled rid holds a new row: no group of the removed one to keep it in.
  for (uint32_t r : net.recycled)
    for (auto* was : {&row_was_, &col_was_})
      for (auto& m : *was) m.erase(r);
  // In: each touched row live and selected now, with its current cells.
  TableColumnSource source(table, &exprs_);
  std::vector<uint32_t> now;
  now.reserve(net.after.size());
  for (uint32_t r : net.after)
    if (filter_.empty() || filter_.matches(source, r)) now.push_back(r);
  std::vector<const Column*> cols;
  for (size_t c = 0; c < table.column_count(); ++c) cols.push_back(table.column(int(c)).get());
  const std::vector<uint32_t> rids = now;
  const bool ok = fold_rows(+1, cols, now, rids);
  for (auto* was : {&row_was_, &col_was_})
    for (auto& m : *was) m.clear();
  return ok;
}

bool GroupedEngine::fold_rows(int sign, const std::vector<const Column*>& columns, std::vector<uint32_t>& rows,
                              const std::vector<uint32_t>& rids) {
  const size_t n = rows.size();
  if (n == 0) return true;
  RowSelection sel;
  sel.identity = false;
  sel.rids = std::move(rows);
  sel.count = n;
  std::vector<agg::AggregateInput> in(spec_.aggregates.size());
  for (size_t a = 0; a < in.size(); ++a) {
    in[a].value = columns[size_t(agg_col_[a])];
    in[a].arg = arg_col_[a] < 0 ? nullptr : columns[size_t(arg_col_[a])];
  }
  if (sign < 0) {
    // Out: each row leaves the cells it was put in, which the lattice
    // remembers: no old group values needed. Where the null-keeping rule
    // below is in play, the codes of those cells' groups are what it keeps
    // a row in.
    if (keep_nulls_) {
      std::vector<uint32_t> row_leaf(n), col_leaf(n);
      if (!lattice_->remembered_leaves(rids.data(), n, row_leaf.data(), col_leaf.data())) return false;
      auto note = [&](const GroupTree& tree, size_t depth, std::vector<FlatMap64>& was, std::vector<uint32_t>& node) {
        was.resize(depth);
        for (size_t k = depth; k >= 1; --k)
          for (size_t i = 0; i < n; ++i) {
            was[k - 1].put(rids[i], tree.code(k, node[i]));
            node[i] = tree.parent(k, node[i]);
          }
      };
      note(rows_, row_values_.size(), row_was_, row_leaf);
      note(cols_, col_values_.size(), col_was_, col_leaf);
    }
    return lattice_->fold_out_remembered(in, sel.run(0, n), rids.data());
  }
  // Value codes and tree nodes per level, as the full pass computes them.
  auto nodes_of = [&](std::vector<LevelValues>& values, const std::vector<int>& cols, GroupTree& tree,
                      std::vector<std::vector<uint32_t>>& nodes) {
    const bool rows = &tree == &rows_;  // else the split_by tree
    std::vector<FlatMap64>& keep = rows ? row_keep_ : col_keep_;
    std::vector<FlatMap64>& was = rows ? row_was_ : col_was_;
    keep.resize(values.size());
    was.resize(values.size());
    nodes.assign(values.size(), std::vector<uint32_t>(n));
    std::vector<uint32_t> codes(n);
    for (size_t k = 1; k <= values.size(); ++k) {
      uint32_t* c = k == 1 ? nodes[0].data() : codes.data();
      if (!values[k - 1].encode(*columns[size_t(cols[k - 1])], sel, c)) return false;
      // A live tree keeps a row where it was when an update sets its group
      // value to null (the reference's incremental pass reads a null update
      // cell as "unchanged"; only a fresh view files the row under null).
      FlatMap64& kept = keep[k - 1];
      FlatMap64& before = was[k - 1];
      for (size_t i = 0; i < n && keep_nulls_; ++i) {
        int64_t held = kept.find(rids[i]);
        int64_t old = before.find(rids[i]);
        if (c[i] <= LevelValues::kUpdateNull && old >= 0) {
          if (uint32_t(old) != c[i]) kept.put(rids[i], uint32_t(old));
          c[i] = uint32_t(old);
          continue;
        }
        if (held >= 0) kept.erase(rids[i]);
      }
      tree.assign(k, k > 1 ? nodes[k - 2].data() : nullptr, c, values[k - 1].size(), nodes[k - 1].data(), n);
    }
    return true;
  };
  std::vector<std::vector<uint32_t>> rnodes, cnodes;
  if (!nodes_of(row_values_, row_col_, rows_, rnodes) || !nodes_of(col_values_, split_col_, cols_, cnodes))
    return false;
  return lattice_->fold(sign, in, sel.run(0, n), rids.data(), rnodes, cnodes, rows_);
}

std::vector<size_t> GroupedEngine::touched_rows() const {
  std::vector<size_t> out;
  for (size_t i = 0; i < traversal_.size(); ++i) {
    const Traversal::Row& r = traversal_.row(i);
    if (touched_all_ ||
        (r.level < touched_.size() && std::binary_search(touched_[r.level].begin(), touched_[r.level].end(), r.node)))
      out.push_back(i);
  }
  return out;
}

}  // namespace parallax
