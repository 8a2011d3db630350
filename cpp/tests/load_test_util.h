// Test helper for the loader tests: replays a case in the format of the probe
// script that recorded the expected values from @finos/perspective 3.8.0
// (table from text or schema, then updates, then `to_columns` of a default
// view) and renders the result exactly as that script printed it:
// "col:type,... {json columns}" or "ERR <message>".
#pragma once
#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <string>

#include "parallax/core/error.h"
#include "parallax/core/json_util.h"
#include "parallax/load/json_text.h"
#include "parallax/load/loaders.h"
#include "parallax/table/table.h"

namespace parallax::test {

/// JavaScript's Number.prototype.toString for a double (what JSON.stringify prints).
inline std::string js_number(double d) {
  if (!std::isfinite(d)) return "null";
  if (d == 0) return "0";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int n = std::stoi(sci.substr(e + 1)) + 1;  // decimal point position
  int k = int(digits.size());
  std::string out = neg ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits + std::string(size_t(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, size_t(n)) + "." + digits.substr(size_t(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(size_t(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += "e";
    out += (n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
  }
  return out;
}

/// Renders a table's columns in pkey order like `view.to_columns()`.
inline std::string render(const Table& t) {
  auto lock = t.read_lock();
  auto rows = t.rows_in_pkey_order();
  std::string head, body = "{";
  for (size_t ci = 0; ci < t.schema().size(); ++ci) {
    const Field& f = t.schema()[ci];
    head += (ci ? "," : "") + f.name + ":" + dtype_name(f.type);
    body += ci ? "," : "";
    append_json_string(body, f.name);
    body += ":[";
    const Column& col = *t.column(int(ci));
    bool first = true;
    for (uint32_t r : *rows) {
      if (!first) body += ",";
      first = false;
      if (!col.is_valid(r)) {
        body += "null";
        continue;
      }
      switch (f.type) {
        case DType::Boolean: body += col.get<uint8_t>(r) ? "true" : "false"; break;
        // Numbers pass through JavaScript doubles in the recorded output.
        case DType::Integer: body += js_number(double(col.get_int(r))); break;
        case DType::Float: body += js_number(col.get<double>(r)); break;
        case DType::String: append_json_string(body, col.get_string(r)); break;
        case DType::Date: body += js_number(double(int64_t(col.get<int32_t>(r)) * 86400000)); break;
        case DType::Datetime: body += js_number(double(col.get<int64_t>(r))); break;
      }
    }
    body += "]";
  }
  return head + " " + body + "}";
}

/// Text and format of a case's `data`: strings are used as they are (format
/// `format`, default csv); arrays/objects are minified JSON rows/columns.
inline std::pair<std::string, std::string> case_text(simdjson::dom::element d, std::string_view fmt) {
  if (d.is_string()) return {std::string(d.get_string().value()), fmt.empty() ? "csv" : std::string(fmt)};
  return {simdjson::minify(d), fmt.empty() ? (d.is_array() ? "json" : "columns") : std::string(fmt)};
}

inline std::string_view opt_string(simdjson::dom::element e, const char* key) {
  auto v = e[key];
  return v.error() ? std::string_view() : v.get_string().value();
}

/// Runs one case object: {data|schema, format?, opts?{index,limit}, upd?[{data, format?}], rm?}.
inline std::string run_case(const std::string& json) {
  simdjson::dom::parser p;
  simdjson::dom::element c = parse_json_text(p, json, "test case");
  try {
    TableOptions opts;
    auto o = c["opts"];
    if (!o.error()) {
      auto ix = o["index"];
      if (!ix.error()) opts.index = std::string(ix.get_string().value());
      auto l = o["limit"];
      if (!l.error()) opts.limit = l.get_int64().value();
    }
    TablePtr t;
    if (!c["schema"].error()) {
      Schema s;
      simdjson::dom::object so = c["schema"].get_object().value();
      for (auto kv : so) s.push_back({std::string(kv.key), *parse_dtype(kv.value.get_string().value()), false});
      t = std::make_shared<Table>(s, opts);
    } else {
      auto [text, fmt] = case_text(c["data"].value(), opt_string(c, "format"));
      t = Table::from_batch(load_text(text, parse_text_format(fmt), nullptr), opts);
    }
    auto upd = c["upd"];
    if (!upd.error()) {
      simdjson::dom::array ua = upd.get_array().value();
      for (auto u : ua) {
        auto [text, fmt] = case_text(u["data"].value(), opt_string(u, "format"));
        t->update(load_text(text, parse_text_format(fmt), &t->schema()));
      }
    }
    auto rm = c["rm"];
    if (!rm.error()) t->remove(load_keys_json(simdjson::minify(rm.value()), t->schema()[size_t(t->index_column())]));
    return render(*t);
  } catch (const Error& e) {
    std::string m = e.what();
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return "ERR " + m;
  }
}

}  // namespace parallax::test
