// A view's query, with Perspective's JSON ViewConfig keys and defaults.
// Parsing validates shape and vocabulary (serde-style messages); column names
// are checked against a table by View's constructor.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parallax/core/scalar.h"

namespace parallax {

enum class SortDir { None, Asc, Desc, AscAbs, DescAbs, ColAsc, ColDesc, ColAscAbs, ColDescAbs };
const char* sort_dir_name(SortDir d);

struct Aggregate {
  std::string name;                 // as given (e.g. "sum", "weighted mean")
  std::vector<std::string> args;    // extra columns, e.g. the weight column
};

struct FilterClause {
  std::string column;
  std::string op;
  std::vector<Scalar> terms;  // one term, or a list for in / not in; empty = none given
  bool term_is_list = false;
};

struct ViewConfig {
  std::vector<std::string> group_by;
  std::vector<std::string> split_by;
  std::optional<std::vector<std::string>> columns;  // nullopt = all table columns
  std::vector<FilterClause> filter;
  bool filter_or = false;
  std::vector<std::pair<std::string, SortDir>> sort;
  std::vector<std::pair<std::string, std::string>> expressions;  // name -> text, in given order
  std::vector<std::pair<std::string, Aggregate>> aggregates;     // in given order
  std::optional<int> group_by_depth;

  /// Parses Perspective's JSON ViewConfig. Throws Error(Invalid) with a
  /// serde-like message on unknown fields or bad variants.
  static ViewConfig parse_json(std::string_view json);
  /// The `expressions` value alone (map or legacy list), as parse_json reads it.
  static std::vector<std::pair<std::string, std::string>> parse_expressions_json(std::string_view json);
  /// JSON for get_config(); `all_columns` fills `columns` when it was not given.
  std::string to_json(const std::vector<std::string>& resolved_columns) const;
  const Aggregate* aggregate_for(std::string_view column) const;
};

}  // namespace parallax
