#include "parallax/write/csv_writer.h"

#include <vector>

#include "parallax/write/cell_source.h"
#include "parallax/write/text_sink.h"
#include "parallax/write/value_text.h"

namespace parallax::text {

namespace {

/// Arrow's QuotedColumnPopulator: wrap in quotes, double embedded quotes.
void csv_string(TextSink& out, std::string_view s) {
  char* p = out.reserve(s.size() * 2 + 2);
  *p++ = '"';
  const char* q = static_cast<const char*>(std::memchr(s.data(), '"', s.size()));
  if (!q) {
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  } else {
    for (char c : s) {
      *p++ = c;
      if (c == '"') *p++ = '"';
    }
  }
  *p++ = '"';
  out.commit(p);
}

/// A non-string valid cell as Arrow's cast to string writes it, at `p` with
/// kMaxValueChars bytes free.
char* csv_fixed(char* p, const CellSource& c, size_t i) {
  switch (c.kind) {
    case CellKind::Bool: {
      bool v = c.get<uint8_t>(i);
      std::memcpy(p, v ? "true" : "false", 5);
      return p + (v ? 4 : 5);
    }
    case CellKind::Int32: return int_text(p, c.get<int32_t>(i));
    case CellKind::Int64: return int_text(p, c.get<int64_t>(i));
    case CellKind::Float: return csv_double(p, c.get<double>(i));
    case CellKind::Date: return date_text(p, c.get<int32_t>(i));
    case CellKind::Datetime: return datetime_text(p, c.get<int64_t>(i));
    case CellKind::String: break;
  }
  return p;
}

/// One row's cells, comma separated; nulls (and row-path levels below the
/// row's depth) are empty, as Arrow's default null_string.
void csv_row(TextSink& t, const std::vector<CellSource>& path, int32_t depth, const std::vector<CellSource>& cols,
             size_t r, size_t row_max) {
  char* p = t.reserve(row_max);
  bool first = true;
  auto cell = [&](const CellSource& c, bool present) {
    if (!first) *p++ = ',';
    first = false;
    if (!present || !c.valid(r)) return;
    if (c.kind != CellKind::String) {
      p = csv_fixed(p, c, r);
      return;
    }
    t.commit(p);
    csv_string(t, c.get_string(r));
    p = t.reserve(row_max);
  };
  for (size_t k = 0; k < path.size(); ++k) cell(path[k], int32_t(k) < depth);
  for (const CellSource& c : cols) cell(c, true);
  *p++ = '\n';
  t.commit(p);
}

}  // namespace

void write_csv(const Frame& f, std::string& out) {
  if (!f.grouped && f.columns.empty()) return;
  const FrameCells cells(f);
  {
    TextSink t(out);
    for (size_t k = 0; k < f.row_path.size() && f.grouped; ++k) {
      if (k) t.put(',');
      csv_string(t, f.row_path[k].name + " (Group by " + std::to_string(k + 1) + ")");
    }
    for (size_t c = 0; c < f.columns.size(); ++c) {
      if (c || f.grouped) t.put(',');
      csv_string(t, f.columns[c].name);
    }
    t.put('\n');
  }
  const size_t row_max = (cells.row_path.size() + cells.columns.size()) * (kMaxValueChars + 1) + 1;
  write_chunked(f.num_rows, out, [&](size_t b, size_t e, std::string& part) {
    TextSink t(part);
    for (size_t r = b; r < e; ++r)
      csv_row(t, cells.row_path, f.grouped ? f.depth[r] : 0, cells.columns, r, row_max);
  });
}

}  // namespace parallax::text
