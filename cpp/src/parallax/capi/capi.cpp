// The C API over the engine. Each entry point runs its body through guard(),
// the single place where C++ exceptions become status codes; nothing throws
// across the boundary.
#include "parallax/capi/parallax.h"

#include <simdjson.h>

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <new>
#include <string>

#include "parallax/arrow/arrow_bridge.h"
#include "parallax/core/error.h"
#include "parallax/core/parallel.h"
#include "parallax/core/json_util.h"
#include "parallax/load/loaders.h"
#include "parallax/table/table.h"
#include "parallax/view/view.h"
#include "parallax/write/text_writer.h"
#include "parallax/write/value_text.h"

using namespace parallax;

struct px_table {
  TablePtr table;
};
struct px_view {
  ViewPtr view;
};
struct px_buf {
  std::string bytes;
};

namespace {

thread_local std::string g_last_error;
std::atomic<int64_t> g_input_bytes{0};  // px_memory_alloc blocks not yet freed

template <class F>
int guard(F&& body) {
  try {
    body();
    return PX_OK;
  } catch (const Error& e) {
    g_last_error = e.what();
    switch (e.kind()) {
      case ErrorKind::Invalid: return PX_ERR_INVALID;
      case ErrorKind::State: return PX_ERR_STATE;
      case ErrorKind::Parse: return PX_ERR_PARSE;
      case ErrorKind::Internal: return PX_ERR_INTERNAL;
    }
    return PX_ERR_INTERNAL;
  } catch (const std::bad_alloc&) {
    g_last_error = "out of memory";
    return PX_ERR_INTERNAL;
  } catch (const std::exception& e) {
    g_last_error = std::string("internal error: ") + e.what();
    return PX_ERR_INTERNAL;
  } catch (...) {
    g_last_error = "internal error: unknown exception";
    return PX_ERR_INTERNAL;
  }
}

/// The block size behind px_memory_alloc(size): a positive multiple of 64.
size_t input_block_bytes(int64_t size) {
  size_t bytes = (size_t(size) + Buffer::kAlign - 1) / Buffer::kAlign * Buffer::kAlign;
  return bytes ? bytes : Buffer::kAlign;
}

void require(const void* p, const char* what) {
  if (!p) throw_invalid(std::string(what) + " must not be null");
}

Table& table_of(px_table* t) {
  require(t, "table");
  return *t->table;
}

View& view_of(px_view* v) {
  require(v, "view");
  return *v->view;
}

std::string_view text_of(const char* data, int64_t len) {
  if (!data && len > 0) throw_invalid("data must not be null");
  if (len < 0) throw_invalid("negative data length");
  return std::string_view(data ? data : "", size_t(len));
}

/// Text updates up to this size parse under the table's lock, interning their
/// strings straight into its dictionaries (Table::update_loaded): streaming
/// updates. Larger ones parse first (in parallel, readers unblocked).
constexpr size_t kLockedParseMaxBytes = size_t(1) << 20;

TableOptions parse_options(const char* json) {
  TableOptions o;
  if (!json || !*json) return o;
  simdjson::dom::parser parser;
  auto root = parse_json_document(parser, json, "table options");
  if (root.is_null()) return o;
  if (!root.is_object()) throw_invalid("table options must be an object");
  for (auto [k, v] : root.get_object()) {
    if (v.is_null()) continue;
    if (k == "index") {
      if (!v.is_string()) throw_invalid("invalid type: `index` must be a string");
      o.index = std::string(v.get_string().value());
    } else if (k == "limit") {
      if (!v.is_number()) throw_invalid("invalid type: `limit` must be a number");
      double d = v.get_double().value();
      if (!(d >= 1) || d != std::floor(d) || d > 4294967295.0) throw_invalid("invalid value: `limit` must be a positive integer");
      o.limit = int64_t(d);
    } else if (k == "name") {
      if (!v.is_string()) throw_invalid("invalid type: `name` must be a string");
      o.name = std::string(v.get_string().value());
    } else if (k == "format") {
      // Handled by the caller through the explicit format argument.
    } else {
      throw_invalid("unknown field `" + std::string(k) + "`, expected one of `index`, `limit`, `name`, `format`");
    }
  }
  return o;
}

Schema parse_schema(const char* json) {
  require(json, "schema");
  simdjson::dom::parser parser;
  auto root = parse_json_document(parser, json, "schema");
  if (!root.is_object()) throw_invalid("a schema must be an object of column name -> type name");
  Schema s;
  for (auto [k, v] : root.get_object()) {
    if (!v.is_string()) throw_invalid("invalid type: a schema type must be a string");
    std::string_view tn = v.get_string().value();
    auto t = parse_dtype(tn);
    if (!t)
      throw_invalid("unknown variant `" + std::string(tn) +
                    "`, expected one of `string`, `date`, `datetime`, `integer`, `float`, `boolean`");
    s.push_back({std::string(k), *t, false});
  }
  return s;
}

px_buf* make_buf(std::string s) {
  auto* b = new px_buf;
  b->bytes = std::move(s);
  return b;
}

std::string fields_json(const std::vector<OutputField>& fields) {
  std::string o = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) o += ',';
    append_json_string(o, fields[i].name);
    o += ':';
    append_json_string(o, dtype_name(fields[i].type));
  }
  return o + "}";
}

std::string scalar_json(const Scalar& s) {
  if (s.is_null()) return "null";
  if (s.is_bool()) return s.as_bool() ? "true" : "false";
  if (s.is_int()) return std::to_string(s.as_int());
  if (s.is_float()) {
    double d = s.as_number();
    if (!std::isfinite(d)) return "null";
    char buf[text::kMaxValueChars];
    return std::string(buf, text::json_double(buf, d));  // the engine's own float text
  }
  std::string o;
  append_json_string(o, s.as_string());
  return o;
}

}  // namespace

extern "C" {

const char* px_last_error_message(void) { return g_last_error.c_str(); }
const char* px_version(void) { return "0.1.0"; }

const uint8_t* px_buf_data(const px_buf* b) { return b ? reinterpret_cast<const uint8_t*>(b->bytes.data()) : nullptr; }
int64_t px_buf_size(const px_buf* b) { return b ? int64_t(b->bytes.size()) : 0; }
void px_buf_free(px_buf* b) { delete b; }

int px_memory_alloc(int64_t size, void** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    if (size < 0) throw_invalid("negative allocation size");
    void* p = allocate_aligned(Buffer::kAlign, input_block_bytes(size));
    if (!p) throw std::bad_alloc();
    g_input_bytes.fetch_add(size, std::memory_order_relaxed);
    *out = p;
  });
}

void px_memory_free(void* p, int64_t size) {
  if (!p) return;
  deallocate_aligned(p, input_block_bytes(size));
  g_input_bytes.fetch_sub(size, std::memory_order_relaxed);
}

int px_table_from_text(const char* data, int64_t len, const char* format, const char* options_json, px_table** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    TableOptions opts = parse_options(options_json);
    Batch b = load_text(text_of(data, len), parse_text_format(format ? format : "csv"), nullptr);
    *out = new px_table{Table::from_batch(std::move(b), std::move(opts))};
  });
}

int px_table_from_schema(const char* schema_json, const char* options_json, px_table** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    Schema s = parse_schema(schema_json);
    *out = new px_table{std::make_shared<Table>(std::move(s), parse_options(options_json))};
  });
}

int px_table_from_arrow(ArrowSchema* schema, ArrowArray* array, const char* options_json, px_table** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    Batch b = import_arrow(schema, array, nullptr);
    *out = new px_table{Table::from_batch(std::move(b), parse_options(options_json))};
  });
}

int px_table_from_arrow_stream(ArrowArrayStream* stream, const char* options_json, px_table** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    Batch b = import_arrow_stream(stream, nullptr);
    *out = new px_table{Table::from_batch(std::move(b), parse_options(options_json))};
  });
}

int px_table_update_text(px_table* t, const char* data, int64_t len, const char* format, int32_t port_id) {
  return guard([&] {
    Table& tb = table_of(t);
    tb.check_alive();
    std::string_view text = text_of(data, len);
    TextFormat f = parse_text_format(format ? format : "csv");
    if (f == TextFormat::Csv && text.size() <= kLockedParseMaxBytes) {
      tb.update_loaded([&](const SchemaDicts& dicts) { return load_text(text, f, &tb.schema(), &dicts); }, port_id);
      return;
    }
    Batch b = load_text(text, f, &tb.schema());
    tb.update(b, port_id);
  });
}

int px_table_update_arrow(px_table* t, ArrowSchema* schema, ArrowArray* array, int32_t port_id) {
  return guard([&] {
    Table& tb = table_of(t);
    Batch b = import_arrow(schema, array, &tb.schema());
    tb.update(b, port_id);
  });
}

int px_table_update_arrow_stream(px_table* t, ArrowArrayStream* stream, int32_t port_id) {
  return guard([&] {
    Table& tb = table_of(t);
    Batch b = import_arrow_stream(stream, &tb.schema());
    tb.update(b, port_id);
  });
}

int px_table_remove(px_table* t, const char* keys_json, int32_t port_id) {
  return guard([&] {
    Table& tb = table_of(t);
    tb.check_alive();
    if (!tb.indexed()) throw_state("Cannot remove from unindexed Table");
    require(keys_json, "keys");
    Batch keys = load_keys_json(keys_json, tb.schema()[tb.index_column()]);
    tb.remove(keys, port_id);
  });
}

int px_table_clear(px_table* t) {
  return guard([&] { table_of(t).clear(); });
}

int px_table_replace_text(px_table* t, const char* data, int64_t len, const char* format, int32_t port_id) {
  return guard([&] {
    Table& tb = table_of(t);
    tb.check_alive();
    // Parsed before anything changes: bad data fails and loses nothing (Perspective empties the
    // table first, T15; a documented divergence, docs/COMPATIBILITY.md).
    Batch b = load_text(text_of(data, len), parse_text_format(format ? format : "csv"), &tb.schema());
    tb.clear();
    tb.update(b, port_id);
  });
}

int px_table_replace_arrow(px_table* t, ArrowSchema* schema, ArrowArray* array, int32_t port_id) {
  return guard([&] {
    Table& tb = table_of(t);
    tb.check_alive();
    Batch b = import_arrow(schema, array, &tb.schema());  // before anything changes, as above
    tb.clear();
    tb.update(b, port_id);
  });
}

int px_table_size(px_table* t, int64_t* out) {
  return guard([&] {
    require(out, "out");
    Table& tb = table_of(t);
    auto lock = tb.read_lock();
    tb.check_alive();
    *out = int64_t(tb.size());
  });
}

int px_table_info_json(px_table* t, px_buf** out) {
  return guard([&] {
    require(out, "out");
    Table& tb = table_of(t);
    tb.check_alive();
    std::string o = "{\"schema\":{";
    std::string cols = "[";
    for (size_t i = 0; i < tb.schema().size(); ++i) {
      if (i) { o += ','; cols += ','; }
      append_json_string(o, tb.schema()[i].name);
      o += ':';
      append_json_string(o, dtype_name(tb.schema()[i].type));
      append_json_string(cols, tb.schema()[i].name);
    }
    o += "},\"columns\":" + cols + "],\"index\":";
    if (tb.options().index) append_json_string(o, *tb.options().index);
    else o += "null";
    o += ",\"limit\":" + (tb.options().limit ? std::to_string(*tb.options().limit) : std::string("null"));
    o += ",\"name\":";
    append_json_string(o, tb.options().name);
    o += '}';
    *out = make_buf(std::move(o));
  });
}

int px_table_make_port(px_table* t, int32_t* out) {
  return guard([&] {
    require(out, "out");
    *out = table_of(t).make_port();
  });
}

int px_table_delete(px_table* t) {
  return guard([&] { table_of(t).mark_deleted(); });
}

int px_table_view_count(px_table* t, int32_t* out) {
  return guard([&] {
    require(out, "out");
    *out = table_of(t).view_count();
  });
}

void px_table_free(px_table* t) { delete t; }

int px_table_view(px_table* t, const char* config_json, px_view** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    table_of(t);
    ViewConfig cfg = ViewConfig::parse_json(config_json ? config_json : "");
    *out = new px_view{std::make_shared<View>(t->table, std::move(cfg))};
  });
}

int px_view_to_text(px_view* v, const char* format, const char* window_json, px_buf** out) {
  return guard([&] {
    require(out, "out");
    View& vw = view_of(v);
    TextOutput fmt = parse_text_output(format ? format : "columns");
    WindowSpec w = WindowSpec::parse_json(window_json ? window_json : "");
    Frame f = vw.frame(w);
    std::string s;
    write_text(f, fmt, w, s);
    *out = make_buf(std::move(s));
  });
}

int px_view_to_arrow(px_view* v, const char* window_json, ArrowSchema* out_schema, ArrowArray* out_array) {
  return guard([&] {
    require(out_schema, "out_schema");
    require(out_array, "out_array");
    View& vw = view_of(v);
    WindowSpec w = WindowSpec::parse_json(window_json ? window_json : "");
    Frame f = vw.frame(w);
    export_frame(f, w, out_schema, out_array);
  });
}

int px_view_dimensions_json(px_view* v, px_buf** out) {
  return guard([&] {
    require(out, "out");
    Dimensions d = view_of(v).dimensions();
    *out = make_buf("{\"num_table_rows\":" + std::to_string(d.num_table_rows) +
                    ",\"num_table_columns\":" + std::to_string(d.num_table_columns) +
                    ",\"num_view_rows\":" + std::to_string(d.num_view_rows) +
                    ",\"num_view_columns\":" + std::to_string(d.num_view_columns) + "}");
  });
}

int px_view_schema_json(px_view* v, px_buf** out) {
  return guard([&] {
    require(out, "out");
    *out = make_buf(fields_json(view_of(v).schema()));
  });
}

int px_table_validate_expressions_json(px_table* t, const char* expressions_json, px_buf** out) {
  return guard([&] {
    require(expressions_json, "expressions_json");
    require(out, "out");
    ExpressionValidation r =
        validate_expressions(table_of(t), ViewConfig::parse_expressions_json(expressions_json));
    std::string o = "{\"expression_schema\":" + fields_json(r.schema) + ",\"errors\":{";
    for (size_t i = 0; i < r.errors.size(); ++i) {
      if (i) o += ',';
      append_json_string(o, r.errors[i].name);
      o += ":{\"error_message\":";
      append_json_string(o, r.errors[i].message);
      o += ",\"line\":" + std::to_string(r.errors[i].line) + ",\"column\":" + std::to_string(r.errors[i].column) + "}";
    }
    o += "},\"expression_alias\":{";
    for (size_t i = 0; i < r.aliases.size(); ++i) {
      if (i) o += ',';
      append_json_string(o, r.aliases[i].first);
      o += ':';
      append_json_string(o, r.aliases[i].second);
    }
    *out = make_buf(o + "}}");
  });
}

int px_view_expression_schema_json(px_view* v, px_buf** out) {
  return guard([&] {
    require(out, "out");
    *out = make_buf(fields_json(view_of(v).expression_schema()));
  });
}

int px_view_column_paths_json(px_view* v, const char* window_json, px_buf** out) {
  return guard([&] {
    require(out, "out");
    auto paths = view_of(v).column_paths(WindowSpec::parse_json(window_json ? window_json : ""));
    std::string o = "[";
    for (size_t i = 0; i < paths.size(); ++i) {
      if (i) o += ',';
      append_json_string(o, paths[i]);
    }
    *out = make_buf(o + "]");
  });
}

int px_view_config_json(px_view* v, px_buf** out) {
  return guard([&] {
    require(out, "out");
    View& vw = view_of(v);
    if (vw.closed()) throw_state("View has been deleted");
    *out = make_buf(vw.config().to_json(vw.resolved_columns()));
  });
}

int px_view_num_rows(px_view* v, int64_t* out) {
  return guard([&] {
    require(out, "out");
    *out = int64_t(view_of(v).num_rows());
  });
}

int px_view_min_max_json(px_view* v, const char* column, px_buf** out) {
  return guard([&] {
    require(out, "out");
    require(column, "column");
    auto [lo, hi] = view_of(v).min_max(column);
    *out = make_buf("[" + scalar_json(lo) + "," + scalar_json(hi) + "]");
  });
}

int px_view_expand(px_view* v, int64_t row, int64_t* out_changed) {
  return guard([&] {
    require(out_changed, "out");
    *out_changed = view_of(v).expand(row);
  });
}

int px_view_collapse(px_view* v, int64_t row, int64_t* out_changed) {
  return guard([&] {
    require(out_changed, "out");
    *out_changed = view_of(v).collapse(row);
  });
}

int px_view_set_depth(px_view* v, int32_t depth) {
  return guard([&] { view_of(v).set_depth(depth); });
}

int px_view_delete(px_view* v) {
  return guard([&] { view_of(v).close(); });
}

void px_view_free(px_view* v) { delete v; }

int px_view_delta_arrow(px_view* v, ArrowSchema* out_schema, ArrowArray* out_array) {
  return guard([&] {
    require(out_schema, "out_schema");
    require(out_array, "out_array");
    Frame f = view_of(v).delta_frame();
    export_frame(f, WindowSpec{}, out_schema, out_array);
  });
}

int px_view_set_row_deltas(px_view* v, int32_t on) {
  return guard([&] { view_of(v).set_row_deltas(on != 0); });
}

int32_t px_num_threads(void) { return engine_threads(); }
void px_set_num_threads(int32_t n) { set_engine_threads(n); }

int px_system_info_json(px_buf** out) {
  return guard([&] {
    require(out, "out");
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
      if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
      std::fclose(f);
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    int64_t cpu_ms = int64_t(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
                     int64_t(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
    *out = make_buf("{\"engine_bytes\":" + std::to_string(buffer_bytes_allocated()) +
                    ",\"input_bytes\":" + std::to_string(g_input_bytes.load(std::memory_order_relaxed)) +
                    ",\"rss_bytes\":" + std::to_string(int64_t(resident) * sysconf(_SC_PAGESIZE)) +
                    ",\"cpu_time_ms\":" + std::to_string(cpu_ms) +
                    ",\"threads\":" + std::to_string(engine_threads()) + "}");
  });
}

}  // extern "C"
