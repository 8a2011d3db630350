// CSV -> Batch. Perspective hands CSV to Arrow's CSV reader: at creation every
// column's type is the first kind of Arrow's inference chain (null, int64,
// bool, double, date32, time32, timestamp[s], timestamp[ns], string) that
// accepts all of its values; on update() the table's schema is the conversion
// target and one bad cell fails the batch (semantics 1.5).
//
// Work plan: split the input into row-aligned chunks, count each chunk's rows
// (so every chunk writes straight into exactly sized output columns), then one
// parallel pass tokenizes each chunk and converts every column at once. A
// creation column whose guessed kind meets a value it rejects is loosened and
// redone in another pass (rare: the guess comes from a sample of rows).
// Strings are interned per chunk and merged into the column dictionary in
// chunk order, keeping first-seen code order; a single chunk (small inputs,
// such as streaming updates) interns straight into the column dictionary,
// which on update may be the table's own (SchemaDicts).
#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_set>

#include "parallax/core/error.h"
#include "parallax/core/parallel.h"
#include "parallax/load/csv_loader.h"
#include "parallax/load/csv_scan.h"
#include "parallax/load/csv_values.h"
#include "parallax/load/datetime_parse.h"
#include "parallax/load/string_intern.h"

namespace parallax {

namespace {

using csv::CsvCursor;

enum class Kind : uint8_t {
  // Arrow's inference chain at table creation, in the order it tries them.
  Null, Int64, Bool, Real, Date, Time, TsSecond, TsNano, Text,
  // update() targets (the table's schema as Arrow types), never loosened.
  Int32, Date64, TsMilli, Utf8,
};

const char* arrow_type_name(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Int64: return "int64";
    case Kind::Int32: return "int32";
    case Kind::Bool: return "bool";
    case Kind::Real: return "double";
    case Kind::Date: return "date32[day]";
    case Kind::Date64: return "date64[ms]";
    case Kind::Time: return "time32[s]";
    case Kind::TsSecond: return "timestamp[s]";
    case Kind::TsNano: return "timestamp[ns]";
    case Kind::TsMilli: return "timestamp[ms]";
    case Kind::Text:
    case Kind::Utf8: return "string";
  }
  return "?";
}

Field field_of(Kind k, std::string name) {
  switch (k) {
    case Kind::Int64: return {std::move(name), DType::Integer, true};
    case Kind::Int32: return {std::move(name), DType::Integer, false};
    case Kind::Bool: return {std::move(name), DType::Boolean};
    case Kind::Real: return {std::move(name), DType::Float};
    case Kind::Date:
    case Kind::Date64: return {std::move(name), DType::Date};
    case Kind::TsSecond:
    case Kind::TsNano:
    case Kind::TsMilli: return {std::move(name), DType::Datetime};
    case Kind::Time: throw_invalid("Could not load arrow column of type `time32`");
    default: return {std::move(name), DType::String};  // Null (all null), Text, Utf8
  }
}

Kind target_kind(const Field& f) {
  switch (f.type) {
    case DType::Integer: return f.wide ? Kind::Int64 : Kind::Int32;
    case DType::Float: return Kind::Real;
    case DType::Boolean: return Kind::Bool;
    case DType::String: return Kind::Utf8;
    case DType::Date: return Kind::Date64;
    case DType::Datetime: return Kind::TsMilli;
  }
  return Kind::Utf8;
}

/// Perspective's UnixTimestampParser: std::stoll over the whole cell. stoll
/// throws on text without digits, which aborts the whole load upstream.
bool stoll_whole(std::string_view s, int64_t* out) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  size_t d0 = i;
  uint64_t v = 0;
  bool overflow = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    unsigned d = unsigned(s[i] - '0');
    if (v > (UINT64_MAX - d) / 10) overflow = true;
    else v = v * 10 + d;
  }
  if (i == d0) throw_invalid("stoll: no conversion");
  if (overflow || v > uint64_t(INT64_MAX) + (neg ? 1 : 0)) throw_invalid("stoll: out of range");
  if (i != s.size()) return false;
  *out = neg ? int64_t(0 - v) : int64_t(v);
  return true;
}

/// A parsed non-string cell (valid unless `null`).
struct Cell {
  bool null = false;
  int64_t i = 0;
  double d = 0;
};

/// Arrow's conversion of one cell to kind k (strings excluded). False = rejected.
bool parse_cell(Kind k, std::string_view v, Cell* c) {
  c->null = false;
  // Common cells first: no null token parses as an integer, a plain decimal,
  // a boolean or a date, so those parses may run before the token check.
  switch (k) {
    case Kind::Int64:
      if (csv::parse_int64(csv::trim_blanks(v), &c->i)) return true;
      break;
    case Kind::Real:
      if (csv::parse_plain_decimal(csv::trim_blanks(v), &c->d)) return true;
      break;
    default: break;
  }
  if (csv::is_null_token(v)) {
    c->null = true;
    return true;
  }
  switch (k) {
    case Kind::Null: return false;
    case Kind::Int64: return csv::parse_int64(csv::trim_blanks(v), &c->i);
    case Kind::Int32: {
      int32_t x;
      if (!csv::parse_int32(csv::trim_blanks(v), &x)) return false;
      c->i = x;
      return true;
    }
    case Kind::Bool: {
      uint8_t b;
      if (!csv::parse_bool(v, &b)) return false;
      c->i = b;
      return true;
    }
    case Kind::Real: return csv::parse_double(csv::trim_blanks(v), &c->d);
    case Kind::Date:
    case Kind::Date64: {
      auto d = parse_iso_date_days(v);
      if (!d) return false;
      c->i = *d;
      return true;
    }
    case Kind::Time: return parse_iso_time_seconds(v).has_value();
    case Kind::TsSecond: {
      auto t = parse_arrow_timestamp(v, TsUnit::Second);
      if (!t) return false;
      c->i = *t * 1000;
      return true;
    }
    case Kind::TsNano: {
      auto t = parse_arrow_timestamp(v, TsUnit::Nano);
      if (!t) return false;
      c->i = *t / 1000000;  // Perspective's arrow loader: integer division
      return true;
    }
    case Kind::TsMilli: {
      if (stoll_whole(v, &c->i)) return true;
      auto t = parse_arrow_timestamp(v, TsUnit::Milli);
      if (!t) return false;
      c->i = *t;
      return true;
    }
    case Kind::Text:
    case Kind::Utf8: return true;
  }
  return false;
}

bool is_string_kind(Kind k) { return k == Kind::Text || k == Kind::Utf8 || k == Kind::Null; }

/// Whether kind k accepts v (for the inference chain).
bool accepts(Kind k, std::string_view v) {
  if (k == Kind::Text) return true;  // invalid UTF-8 falls to binary, also a string
  Cell c;
  return parse_cell(k, v, &c);
}

/// The first kind after k in the chain that accepts v.
Kind loosen(Kind k, std::string_view v) {
  for (int x = int(k) + 1; x <= int(Kind::Text); ++x)
    if (accepts(Kind(x), v)) return Kind(x);
  return Kind::Text;
}

struct ColState {
  std::string name;
  Kind kind = Kind::Null;
  bool infer = false;   // kind may loosen (creation, and __INDEX__)
  bool skip = false;    // update: not in the target schema
  bool active = false;  // converted in the current pass
  std::shared_ptr<Dictionary> dict;  // update: the target's dictionary, if given
  ColumnPtr out;
};

/// Per (chunk, column) results of a pass.
struct ChunkCol {
  std::vector<uint8_t> valid;    // local validity bits
  std::unique_ptr<ChunkDict> dict;  // string codes are local (merged afterwards)
  Dictionary* direct = nullptr;     // or final: the output column's dictionary (one chunk)
  Kind loosen_to = Kind::Null;   // creation: rejected a value; kind to retry with
  bool failed = false;
  size_t fail_row = 0;           // update: first rejected row (global) and its text
  std::string fail_value;
};

struct ChunkState {
  const char* begin;
  const char* end;
  bool quotes = true;    // may hold '"': needs the quote-aware cursor
  size_t first_row = 0;  // global index of the chunk's first row
  size_t rows = 0;
  bool ragged = false;
  size_t ragged_row = 0;
  size_t ragged_got = 0;
  std::string ragged_text;
  std::vector<ChunkCol> cols;
};

/// Converts the active columns of one chunk, writing rows
/// [first_row, first_row + rows) of the output columns. `only` = the input's
/// only chunk: strings go straight into the output columns' dictionaries.
void convert_chunk(ChunkState& ch, std::vector<ColState>& cols, size_t ncols, bool only) {
  enum Store : uint8_t { kNone, kI64, kI32, kF64, kU8 };
  // Local validity bits start at bit (first_row % 8) so the merge copies whole bytes.
  const size_t bit0 = ch.first_row & 7;
  struct Active {
    size_t c;
    ColState* cs;
    ChunkCol* cc;
    uint8_t* out;  // value bytes of row 0
    Store store;   // how a parsed cell is written
  };
  std::vector<Active> act;
  for (size_t c = 0; c < cols.size(); ++c) {
    if (!cols[c].active) continue;
    ChunkCol& cc = ch.cols[c];
    cc = ChunkCol{};
    cc.valid.assign(bits::bytes_for(bit0 + ch.rows), 0);
    if (is_string_kind(cols[c].kind)) {
      if (only) cc.direct = cols[c].out->dict().get();
      else cc.dict = std::make_unique<ChunkDict>();
    }
    const Column& o = *cols[c].out;
    Store st = o.type() == DType::Float ? kF64
               : o.type() == DType::Boolean ? kU8
               : o.type() == DType::String ? kNone
               : o.width() == 8 ? kI64 : kI32;
    act.push_back({c, &cols[c], &cc, cols[c].out->mutable_data<uint8_t>(), st});
  }
  size_t li = 0;
  Cell cell;
  auto on_row = [&](const std::string_view* f, size_t nf, const char* rb, const char* re) {
    if (nf != ncols || li >= ch.rows) {
      ch.ragged = true;
      ch.ragged_row = ch.first_row + li;
      ch.ragged_got = nf;
      ch.ragged_text = std::string(rb, size_t(re - rb));
      return false;
    }
    const size_t row = ch.first_row + li;
    const size_t bit = bit0 + li;
    for (Active& a : act) {
      ChunkCol& cc = *a.cc;
      if (cc.failed) continue;
      ColState& cs = *a.cs;
      std::string_view v = f[a.c];
      switch (cs.kind) {
        case Kind::Text:
        case Kind::Utf8: {
          if (cs.kind == Kind::Utf8 && !csv::valid_utf8(v)) break;
          bool stable = v.data() >= ch.begin && v.data() < ch.end;
          reinterpret_cast<int32_t*>(a.out)[row] = cc.direct ? cc.direct->intern(v) : cc.dict->intern(v, stable);
          bits::set(cc.valid.data(), bit);
          continue;
        }
        default:
          if (!parse_cell(cs.kind, v, &cell)) break;
          if (!cell.null) {
            switch (a.store) {
              case kI64: reinterpret_cast<int64_t*>(a.out)[row] = cell.i; break;
              case kI32: reinterpret_cast<int32_t*>(a.out)[row] = int32_t(cell.i); break;
              case kF64: reinterpret_cast<double*>(a.out)[row] = cell.d; break;
              case kU8: a.out[row] = uint8_t(cell.i); break;
              case kNone: break;  // Null kind: only nulls get here
            }
            bits::set(cc.valid.data(), bit);
          }
          continue;
      }
      // Rejected.
      cc.failed = true;
      cc.fail_row = row;
      if (cs.infer) cc.loosen_to = loosen(cs.kind, v);
      else if (cs.kind == Kind::Int32 || cs.kind == Kind::Int64 || cs.kind == Kind::Real)
        cc.fail_value = std::string(csv::trim_blanks(v));  // Arrow reports the trimmed text
      else cc.fail_value = std::string(v);
    }
    ++li;
    return true;
  };
  if (!ch.quotes) {
    std::vector<std::string_view> f(ncols + 1);
    csv::scan_plain_rows(ch.begin, ch.end, f.data(), f.size(), on_row);
    return;
  }
  CsvCursor cur(ch.begin, ch.end);
  std::vector<std::string_view> f;
  while (cur.next(f)) {
    std::string_view t = cur.row_text();
    if (!on_row(f.data(), f.size(), t.data(), t.data() + t.size())) return;
  }
}

/// Ors a chunk's local validity (which starts at bit first_row % 8) into the
/// column bitmap. Chunks are merged one after another: boundary bytes are shared.
void merge_validity(const ChunkState& ch, const ChunkCol& cc, uint8_t* dst) {
  if (!ch.rows) return;
  uint8_t* d = dst + ch.first_row / 8;
  const size_t n = bits::bytes_for((ch.first_row & 7) + ch.rows);
  d[0] |= cc.valid[0];
  if (n > 1) std::memcpy(d + 1, cc.valid.data() + 1, n - 1);
}

/// Header names; duplicates get '*' appended until unique (as Perspective does).
std::vector<std::string> header_names(const std::vector<std::string_view>& fields) {
  std::vector<std::string> names;
  std::unordered_set<std::string> used;
  for (std::string_view f : fields) {
    std::string n(f);
    while (used.count(n)) n += '*';
    used.insert(n);
    names.push_back(std::move(n));
  }
  return names;
}

}  // namespace

Batch load_csv(std::string_view text, const Schema* target, const SchemaDicts* dicts) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (text.size() >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) begin += 3;
  CsvCursor head(begin, end);
  std::vector<std::string_view> hf;
  if (!head.next(hf)) throw_invalid("Invalid: Empty CSV file");
  const size_t ncols = hf.size();
  std::vector<ColState> cols(ncols);
  {
    std::vector<std::string> names = header_names(hf);
    for (size_t c = 0; c < ncols; ++c) cols[c].name = std::move(names[c]);
  }
  const char* data = head.position();

  // Column plans.
  for (ColState& cs : cols) {
    if (!target) {
      cs.infer = true;  // "__INDEX__" included: it carries the creation pkeys
      continue;
    }
    auto it = std::find_if(target->begin(), target->end(), [&](const Field& f) { return f.name == cs.name; });
    if (it == target->end()) cs.skip = true;
    else cs.kind = target_kind(*it);
    if (dicts && !cs.skip) cs.dict = (*dicts)[size_t(it - target->begin())];
  }

  // Chunks and their exact row counts.
  const size_t want = std::max<size_t>(1, std::min<size_t>(size_t(engine_threads()) * 4, size_t(end - data) >> 18));
  bool any_quotes = false;
  std::vector<const char*> starts = csv::split_rows(data, end, want, &any_quotes);
  std::vector<ChunkState> chunks(starts.size() - 1);
  for (size_t k = 0; k < chunks.size(); ++k) {
    chunks[k].begin = starts[k];
    chunks[k].end = starts[k + 1];
    chunks[k].cols.resize(ncols);
  }
  parallel_for(chunks.size(), 1, [&](size_t b, size_t e, int) {
    for (size_t k = b; k < e; ++k) {
      ChunkState& ch = chunks[k];
      ch.quotes = any_quotes && std::memchr(ch.begin, '"', size_t(ch.end - ch.begin)) != nullptr;
      ch.rows = csv::count_rows(ch.begin, ch.end, ch.quotes);
    }
  });
  size_t total = 0;
  for (ChunkState& ch : chunks) {
    ch.first_row = total;
    total += ch.rows;
  }

  // Initial kinds of inferred columns from a sample of rows (none on update():
  // the target schema fixes every kind).
  if (std::any_of(cols.begin(), cols.end(), [](const ColState& cs) { return cs.infer; })) {
    CsvCursor cur(data, end);
    std::vector<std::string_view> f;
    for (size_t n = 0; n < 1024 && cur.next(f); ++n) {
      if (f.size() != ncols) break;  // reported by the full pass
      for (size_t c = 0; c < ncols; ++c)
        if (cols[c].infer && !accepts(cols[c].kind, f[c])) cols[c].kind = loosen(cols[c].kind, f[c]);
    }
  }

  for (ColState& cs : cols) cs.active = !cs.skip;
  for (;;) {
    for (ColState& cs : cols) {
      if (!cs.active) continue;
      Field fd = field_of(cs.kind == Kind::Time ? Kind::Text : cs.kind, cs.name);
      std::shared_ptr<Dictionary> dict = fd.type == DType::String ? cs.dict : nullptr;
      cs.out = dicts && dicts->spares ? dicts->spares->take(fd.type, fd.wide, dict, total) : nullptr;
      if (!cs.out) {
        cs.out = std::make_shared<Column>(fd.type, fd.wide, dict);
        cs.out->resize_exact(total);
      }
    }
    parallel_for(chunks.size(), 1, [&](size_t b, size_t e, int) {
      for (size_t k = b; k < e; ++k) convert_chunk(chunks[k], cols, ncols, chunks.size() == 1);
    });
    for (ChunkState& ch : chunks)
      if (ch.ragged)
        throw_invalid("Invalid: CSV parse error: Row #" + std::to_string(ch.ragged_row + 2) + ": Expected " +
                      std::to_string(ncols) + " columns, got " + std::to_string(ch.ragged_got) + ": " + ch.ragged_text);
    bool again = false;
    for (size_t c = 0; c < ncols; ++c) {
      ColState& cs = cols[c];
      if (!cs.active) continue;
      if (!cs.infer) {
        for (ChunkState& ch : chunks) {
          const ChunkCol& cc = ch.cols[c];
          if (!cc.failed) continue;
          std::string what = cs.kind == Kind::Utf8 ? std::string("invalid UTF8 data")
                                                   : "invalid value '" + cc.fail_value + "'";
          throw_invalid("Invalid: In CSV column #" + std::to_string(c) + ": Row #" + std::to_string(cc.fail_row + 2) +
                        ": CSV conversion error to " + arrow_type_name(cs.kind) + ": " + what);
        }
        cs.active = false;
        continue;
      }
      Kind next = cs.kind;
      for (ChunkState& ch : chunks)
        if (ch.cols[c].failed && ch.cols[c].loosen_to > next) next = ch.cols[c].loosen_to;
      if (next == cs.kind) {
        cs.active = false;
        // A finished column's chunk results stay for the merge below.
        continue;
      }
      cs.kind = next;
      again = true;
    }
    // Columns that finished keep their chunk results; only loosened ones run again.
    if (!again) break;
  }

  // Assemble: validity bits from every chunk, string codes remapped to the
  // column dictionary (interned in chunk order, so codes keep first-seen order).
  Batch out;
  out.num_rows = total;
  for (size_t c = 0; c < ncols; ++c) {
    ColState& cs = cols[c];
    if (cs.skip) continue;
    if (cs.kind == Kind::Time) field_of(cs.kind, cs.name);  // throws: Perspective cannot load time32
    Column& col = *cs.out;
    for (ChunkState& ch : chunks) merge_validity(ch, ch.cols[c], col.mutable_validity());
    if (col.type() == DType::String && cs.kind != Kind::Null && chunks.size() > 1) {
      std::vector<std::vector<int32_t>> remaps(chunks.size());
      for (size_t k = 0; k < chunks.size(); ++k) remaps[k] = merge_chunk_dict(*chunks[k].cols[c].dict, *col.dict());
      int32_t* codes = col.mutable_data<int32_t>();
      parallel_for(chunks.size(), 1, [&](size_t b, size_t e, int) {
        for (size_t k = b; k < e; ++k) {
          if (is_identity(remaps[k])) continue;  // the first chunk, at least
          const int32_t* map = remaps[k].data();
          for (size_t r = chunks[k].first_row, n = r + chunks[k].rows; r < n; ++r) codes[r] = map[codes[r]];
        }
      });
    }
    for (ChunkState& ch : chunks) ch.cols[c] = ChunkCol{};  // free chunk memory early
    out.columns.push_back({cs.name, cs.out, nullptr});
  }
  return out;
}

}  // namespace parallax
