// JSON rows / columns / NDJSON loaders, following Perspective's table.cpp
// (from_rows, from_cols, from_ndjson, update_rows, update_cols,
// update_ndjson, remove_rows). Cell rules live in json_cells.
#include "parallax/load/json_loader.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "parallax/core/error.h"
#include "parallax/load/json_cells.h"
#include "parallax/load/json_text.h"
#include "parallax/load/loaders.h"

namespace parallax {

using json_cells::ColumnBuilder;
using json_cells::JVal;
using simdjson::dom::element;
using simdjson::dom::element_type;

namespace {

constexpr std::string_view kIndex = "__INDEX__";

[[noreturn]] void no_column_names() { throw_invalid("Cannot determine data types without column names!"); }

/// The builders of one batch, found by name.
class Builders {
 public:
  ColumnBuilder* find(std::string_view name) {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
  }
  ColumnBuilder& add(std::unique_ptr<ColumnBuilder> b) {
    ColumnBuilder* p = b.get();
    list_.push_back(std::move(b));
    by_name_.emplace(p->name(), p);
    return *p;
  }
  void grow(size_t n) {
    for (auto& b : list_) b->grow(n);
  }
  Batch finish(size_t n) {
    Batch out;
    out.num_rows = n;
    for (auto& b : list_) out.columns.push_back(b->finish(n));
    return out;
  }

 private:
  std::vector<std::unique_ptr<ColumnBuilder>> list_;  // schema order
  std::unordered_map<std::string_view, ColumnBuilder*> by_name_;  // keys view the builders' names
};

/// Builders for an update against `target`, one per target column.
Builders target_builders(const Schema& target, size_t rows) {
  Builders b;
  for (const Field& f : target) b.add(std::make_unique<ColumnBuilder>(f.name, f.type, f.wide, rows, true));
  return b;
}

/// `__INDEX__` in an update: the row's pkey. Its type is taken from its first
/// non-null value (the loader does not know the index column; the Table checks
/// the type), nulls before that count as not given.
void put_index(Builders& bs, size_t rows, size_t row, const JVal& v) {
  ColumnBuilder* b = bs.find(kIndex);
  if (!b) {
    auto t = json_cells::infer_type(v);
    if (!t) return;
    b = &bs.add(std::make_unique<ColumnBuilder>(std::string(kIndex), *t, false, rows, false, true));
  }
  b->put(row, v);
}

void require_object(element e) {
  if (e.type() != element_type::OBJECT) no_column_names();
}

// --- rows -------------------------------------------------------------------

/// from_rows' schema scan: a key's type is its first non-null value; the scan
/// stops once every key seen so far is typed (T19); untyped keys become string
/// columns, appended in byte order (Perspective keeps them in a std::set).
std::vector<Field> infer_rows_schema(simdjson::dom::array rows) {
  std::vector<Field> typed;
  std::set<std::string, std::less<>> seen;
  std::set<std::string, std::less<>> known;
  bool done = false;
  for (element row : rows) {
    if (done) break;
    require_object(row);
    simdjson::dom::object obj = row.get_object().value();
    for (auto kv : obj) seen.emplace(kv.key);
    for (auto kv : obj) {
      if (known.count(kv.key) == 0) {
        if (auto t = json_cells::infer_type(JVal::of(kv.value))) {
          known.emplace(kv.key);
          typed.push_back({std::string(kv.key), *t, false});
        }
      }
      if (known.size() == seen.size()) {
        done = true;
        break;
      }
    }
  }
  for (const std::string& k : seen)
    if (!known.count(k)) typed.push_back({k, DType::String, false});
  return typed;
}

}  // namespace

Batch load_json_rows(std::string_view json, const Schema* target) {
  simdjson::dom::parser parser;
  element doc = parse_json_text(parser, json, "JSON rows");
  if (doc.type() != element_type::ARRAY) no_column_names();
  simdjson::dom::array rows = doc.get_array().value();
  const size_t n = rows.size();
  if (n == 0) return Batch{};
  require_object(rows.at(0).value());

  if (!target) {
    Builders bs;
    for (Field& f : infer_rows_schema(rows))
      bs.add(std::make_unique<ColumnBuilder>(std::move(f.name), f.type, false, n, false));
    size_t r = 0;
    for (element row : rows) {
      require_object(row);
      simdjson::dom::object obj = row.get_object().value();  // a named object: range-for over value() dangles
      for (auto kv : obj) {
        ColumnBuilder* b = bs.find(kv.key);
        if (!b)
          throw_invalid("Could not find column index for `" + std::string(kv.key) +
                        "` as it does not exist in the schema.");
        b->put(r, JVal::of(kv.value));
      }
      ++r;
    }
    return bs.finish(n);
  }

  Builders bs = target_builders(*target, n);
  size_t r = 0;
  for (element row : rows) {
    require_object(row);
    simdjson::dom::object obj = row.get_object().value();
    for (auto kv : obj) {
      if (kv.key == kIndex) {
        put_index(bs, n, r, JVal::of(kv.value));
      } else if (ColumnBuilder* b = bs.find(kv.key)) {
        b->put(r, JVal::of(kv.value));
      }  // unknown columns are ignored
    }
    ++r;
  }
  return bs.finish(n);
}

// --- columns ----------------------------------------------------------------

Batch load_json_columns(std::string_view json, const Schema* target) {
  simdjson::dom::parser parser;
  element doc = parse_json_text(parser, json, "JSON columns");
  if (doc.type() != element_type::OBJECT) no_column_names();
  simdjson::dom::object obj = doc.get_object().value();

  // Creation takes the row count from the last column, update() from the first (T9).
  size_t nrows = 0;
  bool first = true;
  for (auto kv : obj) {
    if (kv.value.type() != element_type::ARRAY) throw_invalid("Malformed column");
    size_t len = kv.value.get_array().value().size();
    if (len == 0) throw_invalid("Can't create table from empty columns");
    if (target && first) nrows = len;
    if (!target) nrows = len;
    first = false;
  }

  Builders bs = target ? target_builders(*target, nrows) : Builders{};
  for (auto kv : obj) {
    simdjson::dom::array values = kv.value.get_array().value();
    const size_t len = values.size();
    const bool is_index = target && kv.key == kIndex;
    ColumnBuilder* b = bs.find(kv.key);
    if (!b && !target) {
      // Typed by the first non-null element, string when there is none.
      DType t = DType::String;
      for (element e : values)
        if (auto it = json_cells::infer_type(JVal::of(e))) {
          t = *it;
          break;
        }
      b = &bs.add(std::make_unique<ColumnBuilder>(std::string(kv.key), t, false, std::max(len, nrows), false));
    }
    if (!b && !is_index) continue;  // update: columns outside the schema are ignored
    // Cells past the row count are still checked (and may promote), then dropped.
    const size_t rows = std::max(len, nrows);
    if (is_index) bs.grow(rows);
    else b->grow(len);
    size_t r = 0;
    for (element e : values) {
      if (is_index) put_index(bs, rows, r, JVal::of(e));
      else b->put(r, JVal::of(e));
      ++r;
    }
  }
  return bs.finish(nrows);
}

// --- NDJSON -----------------------------------------------------------------

Batch load_ndjson(std::string_view text, const Schema* target) {
  simdjson::dom::parser parser;
  // Every document in one batch: the input is parsed once, documents may be any size.
  std::optional<std::string> widened = widen_big_integers(text);
  if (widened) text = *widened;
  size_t batch = std::max<size_t>(text.size() + 64, 1 << 16);
  auto stream_r = parser.parse_many(text.data(), text.size(), batch);
  if (stream_r.error()) throw_parse(std::string("Invalid NDJSON: ") + simdjson::error_message(stream_r.error()));
  simdjson::dom::document_stream stream = std::move(stream_r.value());

  Builders bs;
  bool have_schema = target != nullptr;
  if (target) bs = target_builders(*target, 0);
  size_t r = 0;
  for (auto doc_r : stream) {
    if (doc_r.error()) {
      // Perspective stops at the first document that does not parse; only a
      // bad first document is an error.
      if (r == 0) throw_parse(std::string("Invalid NDJSON: ") + simdjson::error_message(doc_r.error()));
      break;
    }
    element doc = doc_r.value();
    require_object(doc);
    simdjson::dom::object obj = doc.get_object().value();
    if (!have_schema) {
      // Only the first line types the columns (semantics 1.4).
      std::set<std::string, std::less<>> untyped;
      for (auto kv : obj) {
        if (bs.find(kv.key) || untyped.count(kv.key)) continue;
        if (auto t = json_cells::infer_type(JVal::of(kv.value)))
          bs.add(std::make_unique<ColumnBuilder>(std::string(kv.key), *t, false, 0, false));
        else
          untyped.emplace(kv.key);
      }
      for (const std::string& k : untyped) bs.add(std::make_unique<ColumnBuilder>(k, DType::String, false, 0, false));
      have_schema = true;
    }
    bs.grow(r + 1);
    for (auto kv : obj) {
      if (target && kv.key == kIndex) {
        put_index(bs, r + 1, r, JVal::of(kv.value));
        continue;
      }
      ColumnBuilder* b = bs.find(kv.key);
      if (!b) {
        if (target) continue;
        throw_invalid("Could not find column index for `" + std::string(kv.key) +
                      "` as it does not exist in the schema.");
      }
      b->put(r, JVal::of(kv.value));
    }
    ++r;
  }
  if (r == 0 && text.find_first_not_of(" \t\r\n") != std::string_view::npos)
    throw_parse("Invalid NDJSON: the first document does not parse");
  return bs.finish(r);
}

// --- remove() keys ----------------------------------------------------------

Batch load_keys_json(std::string_view json, const Field& key) {
  simdjson::dom::parser parser;
  element doc = parse_json_text(parser, json, "remove() keys");
  if (doc.type() != element_type::ARRAY) throw_invalid("Cannot remove fish!");
  simdjson::dom::array keys = doc.get_array().value();
  ColumnBuilder b(key.name, key.type, key.wide, keys.size(), true, false);
  size_t r = 0;
  for (element e : keys) b.put(r++, JVal::of(e));
  Batch out;
  out.num_rows = r;
  out.columns.push_back(b.finish(r));
  return out;
}

}  // namespace parallax
