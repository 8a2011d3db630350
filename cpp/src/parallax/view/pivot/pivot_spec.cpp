#include "parallax/view/pivot/pivot_spec.h"

#include <algorithm>

#include "parallax/core/error.h"
#include "parallax/view/aggregates/registry.h"

namespace parallax {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool is_column_sort(SortDir d) {
  return d == SortDir::ColAsc || d == SortDir::ColDesc || d == SortDir::ColAscAbs || d == SortDir::ColDescAbs;
}

SortDir strip_col(SortDir d) {
  switch (d) {
    case SortDir::ColAsc: return SortDir::Asc;
    case SortDir::ColDesc: return SortDir::Desc;
    case SortDir::ColAscAbs: return SortDir::AscAbs;
    case SortDir::ColDescAbs: return SortDir::DescAbs;
    default: return d;
  }
}

const Field& field_of(const ColumnSource& source, const std::string& name) {
  const Field* f = source.field(name);
  if (!f) throw_invalid("Could not get dtype for column `" + name + "` as it does not exist in the schema.");
  return *f;
}

/// One aggregate from the config's {name} or [name, [arg]] entry (make_aggspec).
PivotAggregate configured(const ColumnSource& table, const std::string& column, const Aggregate& a) {
  PivotAggregate p{column, &agg::find_aggregate(a.name), {}, {}, false};
  if (p.def->takes_arg) {
    // Only the spaced names bring their argument column along; the aliases
    // (weighted_mean, max_by, min_by) look up a column named "".
    if (a.name != p.def->name) throw_invalid("Could not find column index for `` as it does not exist in the schema.");
    if (a.args.empty()) throw_invalid("vector");  // the reference's out-of-range .at(1)
    p.arg = a.args[0];
    field_of(table, p.arg);  // not an expression column (obs: "Could not get dtype for column `e`")
  }
  return p;
}

PivotAggregate defaulted(const ColumnSource& source, const std::string& column) {
  return {column, &agg::default_aggregate(field_of(source, column).type), {}, {}, false};
}

}  // namespace

PivotSpec resolve_pivot(const ColumnSource& source, const ColumnSource& table, const ViewConfig& config,
                        const std::vector<std::string>& columns) {
  PivotSpec s;
  s.group_by = config.group_by;
  s.split_by = config.split_by;
  const bool column_only = config.group_by.empty();
  // Output columns. A split-only view is not aggregated: every column takes `any`.
  for (const std::string& c : columns) {
    if (column_only) s.aggregates.push_back({c, &agg::find_aggregate("any"), {}, {}, false});
    else if (const Aggregate* a = config.aggregate_for(c)) s.aggregates.push_back(configured(table, c, *a));
    else s.aggregates.push_back(defaulted(source, c));
  }
  s.outputs = s.aggregates.size();
  // Hidden sort columns (sorted by, not shown).
  for (auto& [c, dir] : config.sort) {
    if (contains(columns, c)) continue;
    bool known = false;
    for (auto& a : s.aggregates) known = known || a.column == c;
    if (known) continue;
    const bool row_sort = !is_column_sort(dir);
    PivotAggregate p;
    if (column_only) p = {c, &agg::find_aggregate("any"), {}, {}, true};
    else if ((row_sort && contains(config.group_by, c)) || (!row_sort && contains(config.split_by, c)))
      p = {c, &agg::find_aggregate("unique"), {}, {}, true};
    else if (const Aggregate* a = config.aggregate_for(c)) p = configured(table, c, *a);
    else p = defaulted(source, c);
    p.hidden = true;
    s.aggregates.push_back(std::move(p));
  }
  // Output types; the type rules raise "Unexpected coltype" / "Not implemented".
  for (auto& a : s.aggregates) {
    const Field& f = field_of(source, a.column);
    a.types = a.def->types(f.type, f.wide);
  }
  for (auto& [c, dir] : config.sort) {
    size_t idx = 0;
    while (s.aggregates[idx].column != c) ++idx;
    if (is_column_sort(dir)) s.column_sorts.push_back({idx, strip_col(dir)});
    else s.row_sorts.push_back({idx, dir});
  }
  if (config.group_by_depth && *config.group_by_depth > 0) s.initial_depth = *config.group_by_depth - 1;
  return s;
}

}  // namespace parallax
