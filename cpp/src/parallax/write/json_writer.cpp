#include "parallax/write/json_writer.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "parallax/write/cell_source.h"
#include "parallax/write/text_sink.h"
#include "parallax/write/value_text.h"

namespace parallax::text {

namespace {

// rapidjson's escape table: 0 = copy the byte, 'u' = \u00XX (upper-case hex),
// anything else = a backslash and that letter. Bytes >= 0x80 and 0x7F pass.
// (core's append_json_string follows serde_json, which the engine's config
// and protocol JSON come from: lower-case hex. Hence a second escaper here,
// also tuned to copy runs of plain bytes at once.)
constexpr std::array<char, 256> make_escape_table() {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\t'] = 't';
  t['\n'] = 'n';
  t['\f'] = 'f';
  t['\r'] = 'r';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}
constexpr std::array<char, 256> kEscape = make_escape_table();

void json_string(TextSink& out, std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  char* p = out.reserve(s.size() * 6 + 2);
  *p++ = '"';
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    size_t run = i;
    while (run < n && !kEscape[b[run]]) ++run;
    std::memcpy(p, b + i, run - i);
    p += run - i;
    if (run == n) break;
    const char e = kEscape[b[run]];
    *p++ = '\\';
    *p++ = e;
    if (e == 'u') {
      *p++ = '0';
      *p++ = '0';
      *p++ = hex[b[run] >> 4];
      *p++ = hex[b[run] & 15];
    }
    i = run + 1;
  }
  *p++ = '"';
  out.commit(p);
}

constexpr int64_t kMsPerDay = 86400000;

/// A non-string cell (or any null) as Perspective's write_scalar writes it,
/// at `p` with kMaxValueChars bytes free.
template <CellKind K>
char* json_fixed(char* p, const CellSource& c, size_t i, bool formatted) {
  if (!c.valid(i)) {
    std::memcpy(p, "null", 4);
    return p + 4;
  }
  if constexpr (K == CellKind::Bool) {
    bool v = c.get<uint8_t>(i);
    std::memcpy(p, v ? "true" : "false", 5);
    return p + (v ? 4 : 5);
  } else if constexpr (K == CellKind::Int32) {
    return int_text(p, c.get<int32_t>(i));
  } else if constexpr (K == CellKind::Int64) {
    return int_text(p, c.get<int64_t>(i));
  } else if constexpr (K == CellKind::Float) {
    double v = c.get<double>(i);
    if (std::isfinite(v)) return json_double(p, v);
    std::memcpy(p, "null", 4);  // is_nan() covers ±inf too
    return p + 4;
  } else if constexpr (K == CellKind::Date) {
    if (!formatted) return int_text(p, int64_t(c.get<int32_t>(i)) * kMsPerDay);
    *p++ = '"';
    p = date_text(p, c.get<int32_t>(i));
    *p++ = '"';
    return p;
  } else if constexpr (K == CellKind::Datetime) {
    if (!formatted) return int_text(p, c.get<int64_t>(i));
    *p++ = '"';
    p = datetime_text(p, c.get<int64_t>(i));
    *p++ = '"';
    return p;
  } else {
    static_assert(K != CellKind::String, "strings go through json_string");
    return p;
  }
}

/// json_fixed for a kind known at run time (not String).
char* json_fixed_any(char* p, const CellSource& c, size_t i, bool formatted) {
  switch (c.kind) {
    case CellKind::Bool: return json_fixed<CellKind::Bool>(p, c, i, formatted);
    case CellKind::Int32: return json_fixed<CellKind::Int32>(p, c, i, formatted);
    case CellKind::Int64: return json_fixed<CellKind::Int64>(p, c, i, formatted);
    case CellKind::Float: return json_fixed<CellKind::Float>(p, c, i, formatted);
    case CellKind::Date: return json_fixed<CellKind::Date>(p, c, i, formatted);
    case CellKind::Datetime: return json_fixed<CellKind::Datetime>(p, c, i, formatted);
    case CellKind::String: break;
  }
  return p;
}

/// Any cell, through the sink.
void json_cell(TextSink& out, const CellSource& c, size_t i, bool formatted) {
  if (c.kind != CellKind::String) return out.commit(json_fixed_any(out.reserve(kMaxValueChars), c, i, formatted));
  if (!c.valid(i)) return out.append("null");
  json_string(out, c.get_string(i));
}

/// Cells [b, e) of one column (through `row`), comma separated, as a tight
/// loop per storage kind that reserves room for a batch of cells at a time.
template <CellKind K, class Row>
void json_run(TextSink& t, const CellSource& c, size_t b, size_t e, const Row& row, bool formatted) {
  constexpr size_t kBatch = 256;
  for (size_t i = b; i < e;) {
    const size_t stop = std::min(e, i + kBatch);
    char* p = t.reserve((stop - i) * (kMaxValueChars + 1));
    for (; i < stop; ++i) {
      if (i) *p++ = ',';
      p = json_fixed<K>(p, c, row(i), formatted);
    }
    t.commit(p);
  }
}

template <class Row>
void json_column_cells(TextSink& t, const CellSource& c, size_t b, size_t e, const Row& row, bool formatted) {
  switch (c.kind) {
    case CellKind::Bool: return json_run<CellKind::Bool>(t, c, b, e, row, formatted);
    case CellKind::Int32: return json_run<CellKind::Int32>(t, c, b, e, row, formatted);
    case CellKind::Int64: return json_run<CellKind::Int64>(t, c, b, e, row, formatted);
    case CellKind::Float: return json_run<CellKind::Float>(t, c, b, e, row, formatted);
    case CellKind::Date: return json_run<CellKind::Date>(t, c, b, e, row, formatted);
    case CellKind::Datetime: return json_run<CellKind::Datetime>(t, c, b, e, row, formatted);
    case CellKind::String:
      for (size_t i = b; i < e; ++i) {
        if (i) t.put(',');
        json_cell(t, c, row(i), formatted);
      }
      return;
  }
}

/// How one output (a frame plus options) is laid out.
struct Layout {
  const Frame& frame;
  FrameCells cells;
  bool formatted;
  bool pivot;  // a pivoted view (Perspective's context one or two)
  // Rows shown by leaf-filtered parts: all rows, or the leaves of a grouped
  // frame under leaves_only.
  std::vector<uint32_t> leaves;
  bool filtered = false;

  Layout(const Frame& f, bool formatted_, bool leaves_only)
      : frame(f), cells(f), formatted(formatted_), pivot(f.grouped || f.split_only) {
    if (f.grouped && leaves_only) {
      filtered = true;
      const int32_t levels = int32_t(f.row_path.size());
      for (size_t r = 0; r < f.num_rows; ++r)
        if (f.depth[r] == levels) leaves.push_back(uint32_t(r));
    }
  }
  size_t shown() const { return filtered ? leaves.size() : frame.num_rows; }
  size_t row(size_t i) const { return filtered ? leaves[i] : i; }

  void row_path(TextSink& out, size_t r) const {
    out.put('[');
    for (int32_t k = 0; k < frame.depth[r]; ++k) {
      if (k) out.put(',');
      json_cell(out, cells.row_path[size_t(k)], r, formatted);
    }
    out.put(']');
  }
  void key_list(TextSink& out, size_t r) const {
    out.put('[');
    if (frame.pkey_offsets.empty()) {
      json_cell(out, cells.pkey, r, formatted);
    } else {
      for (uint32_t j = frame.pkey_offsets[r]; j < frame.pkey_offsets[r + 1]; ++j) {
        if (j != frame.pkey_offsets[r]) out.put(',');
        json_cell(out, cells.pkey, j, formatted);
      }
    }
    out.put(']');
  }
  /// __ID__: the row path on grouped views, else the row's keys.
  void id(TextSink& out, size_t r) const {
    if (frame.grouped) return row_path(out, r);
    if (frame.has_pkey) return key_list(out, r);
    out.append("[]");
  }
  /// __INDEX__: the row's keys; always empty on split-only views.
  void index(TextSink& out, size_t r) const {
    if (frame.split_only || !frame.has_pkey) return out.append("[]");
    key_list(out, r);
  }
};

/// Writes `"key":[` ... `]` around `body(sink, begin, end)`, which writes
/// rows [begin, end) of [0, n) with a comma before every row but the first.
template <class Body>
void json_array(std::string& out, bool& first, std::string_view key, size_t n, const Body& body) {
  {
    TextSink t(out);
    if (!first) t.put(',');
    first = false;
    json_string(t, key);
    t.append(":[");
  }
  write_chunked(n, out, [&](size_t b, size_t e, std::string& part) {
    TextSink t(part);
    body(t, b, e);
  });
  out.push_back(']');
}

/// A body that writes each row through `cell(sink, i)`.
template <class Cell>
auto each_row(const Cell& cell) {
  return [&cell](TextSink& t, size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      if (i) t.put(',');
      cell(t, i);
    }
  };
}

}  // namespace

void write_json_columns(const Frame& f, const WindowSpec& opts, std::string& out) {
  const Layout l(f, opts.formatted, opts.leaves_only);
  const auto row = [&l](size_t i) { return l.row(i); };
  const auto id = [&l](TextSink& t, size_t r) { l.id(t, r); };
  bool first = true;
  out.push_back('{');
  if (f.grouped) {
    const auto path = [&l](TextSink& t, size_t i) { l.row_path(t, l.row(i)); };
    json_array(out, first, "__ROW_PATH__", l.shown(), each_row(path));
  }
  // Pivoted views write __ID__ right after the row path and never leaf-filter it.
  if (l.pivot && opts.id) json_array(out, first, "__ID__", f.num_rows, each_row(id));
  for (size_t c = 0; c < f.columns.size(); ++c) {
    const CellSource& src = l.cells.columns[c];
    json_array(out, first, f.columns[c].name, l.shown(),
               [&](TextSink& t, size_t b, size_t e) { json_column_cells(t, src, b, e, row, l.formatted); });
  }
  if (opts.index) {
    const auto index = [&l](TextSink& t, size_t i) { l.index(t, l.row(i)); };
    json_array(out, first, "__INDEX__", l.shown(), each_row(index));
  }
  if (!l.pivot && opts.id) json_array(out, first, "__ID__", f.num_rows, each_row(id));
  out.push_back('}');
}

void write_json_records(const Frame& f, const WindowSpec& opts, bool ndjson, std::string& out) {
  const bool id = opts.id, index = opts.index;
  const Layout l(f, opts.formatted, opts.leaves_only);
  // Perspective's early exits: flat views print nothing without rows or
  // columns unless a key column was asked for; pivoted views need rows, and
  // columns unless there is a row path.
  const bool empty = l.pivot ? (f.num_rows == 0 || (f.columns.empty() && !f.grouped))
                             : ((f.num_rows == 0 || f.columns.empty()) && !id && !index);
  if (empty) {
    if (!ndjson) out += "[]";
    return;
  }
  std::vector<std::string> keys;  // each data column's `"name":`, escaped once
  size_t row_max = 1;               // bytes of the data columns' keys and non-string values
  for (auto& c : f.columns) {
    std::string k;
    {
      TextSink t(k);
      json_string(t, c.name);
      t.put(':');
    }
    row_max += k.size() + kMaxValueChars + 1;
    keys.push_back(std::move(k));
  }
  if (!ndjson) out.push_back('[');
  write_chunked(l.shown(), out, [&](size_t b, size_t e, std::string& part) {
    TextSink t(part);
    for (size_t i = b; i < e; ++i) {
      const size_t r = l.row(i);
      if (i) t.put(ndjson ? '\n' : ',');
      t.put('{');
      bool first = true;
      auto key = [&](std::string_view k) {
        if (!first) t.put(',');
        first = false;
        t.append(k);
      };
      if (f.grouped) {
        key("\"__ROW_PATH__\":");
        l.row_path(t, r);
      }
      if (id) {
        key("\"__ID__\":");
        l.id(t, r);
      }
      if (index) {
        key("\"__INDEX__\":");
        l.index(t, r);
      }
      char* p = t.reserve(row_max);
      for (size_t c = 0; c < f.columns.size(); ++c) {
        if (!first) *p++ = ',';
        first = false;
        std::memcpy(p, keys[c].data(), keys[c].size());
        p += keys[c].size();
        const CellSource& src = l.cells.columns[c];
        if (src.kind == CellKind::String) {
          t.commit(p);
          json_cell(t, src, r, l.formatted);
          p = t.reserve(row_max);
        } else {
          p = json_fixed_any(p, src, r, l.formatted);
        }
      }
      *p++ = '}';
      t.commit(p);
    }
  });
  if (!ndjson) out.push_back(']');
}

}  // namespace parallax::text
