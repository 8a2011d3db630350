#include "parallax/view/view_config.h"

#include <simdjson.h>

#include "parallax/core/error.h"
#include "parallax/core/json_util.h"

namespace parallax {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr const char* kSortVariants =
    "`none`, `desc`, `asc`, `col desc`, `col asc`, `desc abs`, `asc abs`, `col desc abs`, `col asc abs`";

SortDir parse_sort_dir(std::string_view s) {
  if (s == "none") return SortDir::None;
  if (s == "asc") return SortDir::Asc;
  if (s == "desc") return SortDir::Desc;
  if (s == "asc abs") return SortDir::AscAbs;
  if (s == "desc abs") return SortDir::DescAbs;
  if (s == "col asc") return SortDir::ColAsc;
  if (s == "col desc") return SortDir::ColDesc;
  if (s == "col asc abs") return SortDir::ColAscAbs;
  if (s == "col desc abs") return SortDir::ColDescAbs;
  throw_invalid("unknown variant `" + std::string(s) + "`, expected one of " + kSortVariants);
}

std::string expect_string(element e, const char* what) {
  if (e.type() != element_type::STRING) throw_invalid(std::string("invalid type: expected a string in ") + what);
  return std::string(e.get_string().value());
}

std::vector<std::string> string_list(element e, const char* what) {
  if (e.type() == element_type::NULL_VALUE) return {};
  if (e.type() != element_type::ARRAY) throw_invalid(std::string("invalid type: expected a sequence for ") + what);
  std::vector<std::string> out;
  for (element x : e.get_array()) out.push_back(expect_string(x, what));
  return out;
}

/// `expressions`: a map name -> text, or the legacy list of texts, where
/// "// name\nexpr" names an expression and a bare one is named by its text.
std::vector<std::pair<std::string, std::string>> parse_expressions(element val) {
  std::vector<std::pair<std::string, std::string>> out;
  if (val.type() == element_type::NULL_VALUE) return out;
  if (val.type() == element_type::OBJECT) {
    for (auto [name, expr] : val.get_object()) out.emplace_back(std::string(name), expect_string(expr, "expressions"));
  } else if (val.type() == element_type::ARRAY) {
    for (element x : val.get_array()) {
      std::string text = expect_string(x, "expressions");
      std::string name = text;
      if (text.rfind("//", 0) == 0) {
        size_t nl = text.find('\n');
        name = text.substr(2, nl == std::string::npos ? std::string::npos : nl - 2);
        size_t b = name.find_first_not_of(" \t"), e = name.find_last_not_of(" \t\r");
        name = b == std::string::npos ? "" : name.substr(b, e - b + 1);
      }
      out.emplace_back(name, text);
    }
  } else {
    throw_invalid("invalid type: expected a map of expressions");
  }
  // A name given twice keeps its last text (the reference reads them into a map).
  for (size_t i = 0; i < out.size(); ++i)
    for (size_t j = i + 1; j < out.size();)
      if (out[j].first == out[i].first) {
        out[i].second = std::move(out[j].second);
        out.erase(out.begin() + std::ptrdiff_t(j));
      } else {
        ++j;
      }
  return out;
}

}  // namespace

const char* sort_dir_name(SortDir d) {
  switch (d) {
    case SortDir::None: return "none";
    case SortDir::Asc: return "asc";
    case SortDir::Desc: return "desc";
    case SortDir::AscAbs: return "asc abs";
    case SortDir::DescAbs: return "desc abs";
    case SortDir::ColAsc: return "col asc";
    case SortDir::ColDesc: return "col desc";
    case SortDir::ColAscAbs: return "col asc abs";
    case SortDir::ColDescAbs: return "col desc abs";
  }
  return "none";
}

ViewConfig ViewConfig::parse_json(std::string_view json) {
  ViewConfig c;
  if (json.empty()) return c;
  simdjson::dom::parser parser;
  element root = parse_json_document(parser, json, "view config");
  if (root.type() == element_type::NULL_VALUE) return c;
  if (root.type() != element_type::OBJECT) throw_invalid("invalid type: expected a view config object");
  for (auto [key, val] : root.get_object()) {
    if (key == "group_by") {
      c.group_by = string_list(val, "group_by");
    } else if (key == "split_by") {
      c.split_by = string_list(val, "split_by");
    } else if (key == "columns") {
      if (val.type() == element_type::NULL_VALUE) continue;
      if (val.type() != element_type::ARRAY) throw_invalid("invalid type: expected a sequence for columns");
      std::vector<std::string> cols;
      for (element x : val.get_array()) {
        if (x.type() == element_type::NULL_VALUE) continue;  // UI placeholders
        // Duplicates are kept: Perspective 3.8 outputs ["f", "f"] as two columns (obs).
        cols.push_back(expect_string(x, "columns"));
      }
      c.columns = std::move(cols);
    } else if (key == "filter") {
      if (val.type() == element_type::NULL_VALUE) continue;
      if (val.type() != element_type::ARRAY) throw_invalid("invalid type: expected a sequence for filter");
      for (element f : val.get_array()) {
        if (f.type() != element_type::ARRAY) throw_invalid("invalid type: expected a filter [column, op, term]");
        auto arr = f.get_array().value();
        if (arr.size() < 2) throw_invalid("invalid length: a filter needs a column and an operator");
        FilterClause fc;
        fc.column = expect_string(arr.at(0).value(), "filter");
        fc.op = expect_string(arr.at(1).value(), "filter");
        if (arr.size() >= 3) {
          element t = arr.at(2).value();
          if (t.type() == element_type::ARRAY) {
            fc.term_is_list = true;
            for (element x : t.get_array()) fc.terms.push_back(scalar_from_json(x));
          } else {
            fc.terms.push_back(scalar_from_json(t));
          }
        }
        c.filter.push_back(std::move(fc));
      }
    } else if (key == "filter_op") {
      std::string op = expect_string(val, "filter_op");
      if (op == "or") c.filter_or = true;
      else if (op != "and") throw_invalid("unknown variant `" + op + "`, expected `and` or `or`");
    } else if (key == "sort") {
      if (val.type() == element_type::NULL_VALUE) continue;
      if (val.type() != element_type::ARRAY) throw_invalid("invalid type: expected a sequence for sort");
      for (element s : val.get_array()) {
        if (s.type() != element_type::ARRAY) throw_invalid("invalid type: expected a sort [column, direction]");
        auto arr = s.get_array().value();
        if (arr.size() != 2) throw_invalid("invalid length: a sort is [column, direction]");
        c.sort.emplace_back(expect_string(arr.at(0).value(), "sort"),
                            parse_sort_dir(expect_string(arr.at(1).value(), "sort")));
      }
    } else if (key == "expressions") {
      c.expressions = parse_expressions(val);
    } else if (key == "aggregates") {
      if (val.type() == element_type::NULL_VALUE) continue;
      if (val.type() != element_type::OBJECT) throw_invalid("invalid type: expected a map for aggregates");
      for (auto [col, agg] : val.get_object()) {
        Aggregate a;
        if (agg.type() == element_type::STRING) {
          a.name = std::string(agg.get_string().value());
        } else if (agg.type() == element_type::ARRAY) {
          auto arr = agg.get_array().value();
          if (arr.size() < 1) throw_invalid("invalid aggregate for column '" + std::string(col) + "'");
          a.name = expect_string(arr.at(0).value(), "aggregates");
          if (arr.size() > 1) {
            element args = arr.at(1).value();
            if (args.type() == element_type::ARRAY) a.args = string_list(args, "aggregates");
            else a.args.push_back(expect_string(args, "aggregates"));
          }
        } else {
          throw_invalid("invalid type: expected an aggregate name for column '" + std::string(col) + "'");
        }
        c.aggregates.emplace_back(std::string(col), std::move(a));
      }
    } else if (key == "group_by_depth") {
      if (val.type() == element_type::NULL_VALUE) continue;
      if (val.type() != element_type::INT64 && val.type() != element_type::UINT64)
        throw_invalid("invalid type: expected u32 for group_by_depth");
      int64_t d = val.type() == element_type::INT64 ? val.get_int64().value() : int64_t(val.get_uint64().value());
      if (d < 0 || d > UINT32_MAX) throw_invalid("invalid value: integer `" + std::to_string(d) + "`, expected u32");
      c.group_by_depth = int(std::min<int64_t>(d, INT32_MAX));
    } else {
      throw_invalid("unknown field `" + std::string(key) +
                    "`, expected one of `group_by`, `split_by`, `columns`, `filter`, `filter_op`, `sort`, "
                    "`expressions`, `aggregates`, `group_by_depth`");
    }
  }
  return c;
}

std::vector<std::pair<std::string, std::string>> ViewConfig::parse_expressions_json(std::string_view json) {
  simdjson::dom::parser parser;
  return parse_expressions(parse_json_document(parser, json, "expressions"));
}

const Aggregate* ViewConfig::aggregate_for(std::string_view column) const {
  for (auto& [c, a] : aggregates)
    if (c == column) return &a;
  return nullptr;
}

std::string ViewConfig::to_json(const std::vector<std::string>& resolved_columns) const {
  std::string o = "{";
  auto list = [&o](const char* key, const std::vector<std::string>& v) {
    append_json_string(o, key);
    o += ":[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) o += ',';
      append_json_string(o, v[i]);
    }
    o += "],";
  };
  list("group_by", group_by);
  list("split_by", split_by);
  list("columns", resolved_columns);
  o += "\"filter\":[";
  for (size_t i = 0; i < filter.size(); ++i) {
    if (i) o += ',';
    o += '[';
    append_json_string(o, filter[i].column);
    o += ',';
    append_json_string(o, filter[i].op);
    auto term = [&o](const Scalar& s) {
      if (s.is_null()) o += "null";
      else if (s.is_bool()) o += s.as_bool() ? "true" : "false";
      else if (s.is_int()) o += std::to_string(s.as_int());
      else if (s.is_float()) {
        char buf[32];
        snprintf(buf, sizeof buf, "%.17g", s.as_number());
        o += buf;
      } else append_json_string(o, s.as_string());
    };
    if (filter[i].term_is_list) {
      o += ",[";
      for (size_t k = 0; k < filter[i].terms.size(); ++k) {
        if (k) o += ',';
        term(filter[i].terms[k]);
      }
      o += ']';
    } else if (!filter[i].terms.empty()) {
      o += ',';
      term(filter[i].terms[0]);
    }
    o += ']';
  }
  o += "],\"sort\":[";
  for (size_t i = 0; i < sort.size(); ++i) {
    if (i) o += ',';
    o += '[';
    append_json_string(o, sort[i].first);
    o += ',';
    append_json_string(o, sort_dir_name(sort[i].second));
    o += ']';
  }
  o += "],\"expressions\":{";
  for (size_t i = 0; i < expressions.size(); ++i) {
    if (i) o += ',';
    append_json_string(o, expressions[i].first);
    o += ':';
    append_json_string(o, expressions[i].second);
  }
  o += "},\"aggregates\":{";
  for (size_t i = 0; i < aggregates.size(); ++i) {
    if (i) o += ',';
    append_json_string(o, aggregates[i].first);
    o += ':';
    const Aggregate& a = aggregates[i].second;
    if (a.args.empty()) {
      append_json_string(o, a.name);
    } else {
      o += '[';
      append_json_string(o, a.name);
      o += ",[";
      for (size_t k = 0; k < a.args.size(); ++k) {
        if (k) o += ',';
        append_json_string(o, a.args[k]);
      }
      o += "]]";
    }
  }
  o += '}';
  if (filter_or) o += ",\"filter_op\":\"or\"";
  if (group_by_depth) o += ",\"group_by_depth\":" + std::to_string(*group_by_depth);
  o += '}';
  return o;
}

}  // namespace parallax
