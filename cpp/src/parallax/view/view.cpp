#include "parallax/view/view.h"

#include <cmath>
#include <simdjson.h>

#include "parallax/core/error.h"
#include "parallax/core/json_util.h"
#include "parallax/expr/expression.h"
#include "parallax/view/column_source.h"
#include "parallax/view/filter.h"
#include "parallax/view/flat_engine.h"
#include "parallax/view/pivot/pivot_engine.h"

namespace parallax {

namespace {

void check_column(const ColumnSource& source, const std::string& name, const char* section) {
  if (!source.field(name))
    throw_invalid("Invalid column '" + name + "' found in View " + section + ".");
}

/// Window edges round outward: start floored, end ceiled (semantics T22); a start past the
/// end gives an empty window at the end.
void clamp_window(double start, double end, size_t n, size_t* lo, size_t* hi) {
  double s = std::isfinite(start) ? std::floor(start) : 0;
  double e = end < 0 || !std::isfinite(end) ? double(n) : std::ceil(end);
  if (s < 0) s = 0;
  if (s > double(n)) s = double(n);
  if (e > double(n)) e = double(n);
  if (e < s) e = s;
  *lo = size_t(s);
  *hi = size_t(e);
}

}  // namespace

std::unique_ptr<ViewEngine> make_view_engine(const Table& table, const ViewConfig& config,
                                             const std::vector<std::string>& columns,
                                             const ExpressionColumns& exprs) {
  if (!config.group_by.empty() || !config.split_by.empty()) return make_pivot_engine(table, config, columns, exprs);
  return std::make_unique<FlatEngine>(table, config, columns, exprs);
}

namespace {

expr::FieldLookup table_fields(const Table& t) {
  return [&t](std::string_view name) -> const Field* {
    int i = t.column_index(name);
    return i < 0 ? nullptr : &t.schema()[size_t(i)];
  };
}

std::string overwrite_message(const std::string& name) {
  return "Value Error - expression \"" + name + "\" cannot overwrite an existing column.";
}

}  // namespace

ExpressionValidation validate_expressions(const Table& table,
                                          const std::vector<std::pair<std::string, std::string>>& exprs) {
  table.check_alive();
  ExpressionValidation out;
  const expr::FieldLookup fields = table_fields(table);
  for (auto& [name, text] : exprs) {
    out.aliases.emplace_back(name, text);
    if (table.column_index(name) >= 0) {
      out.errors.push_back({name, overwrite_message(name), 0, 0});
      continue;
    }
    expr::ExprError error;
    if (auto e = expr::Expression::try_compile(text, fields, &error)) out.schema.push_back({name, e->type()});
    else out.errors.push_back({name, error.message, error.line, error.column});
  }
  return out;
}

View::View(TablePtr table, ViewConfig config) : table_(std::move(table)), config_(std::move(config)) {
  table_->check_alive();
  const Table& t = *table_;
  // Perspective's order: expressions compile first, one at a time in config
  // order, against the table's columns only (an expression cannot read
  // another); then filter terms are coerced (their errors win), names are
  // checked section by section, and the engine compiles aggregates, filter
  // operators and sorts.
  const expr::FieldLookup fields = table_fields(t);
  std::vector<std::pair<std::string, std::shared_ptr<const expr::Expression>>> compiled;
  for (auto& [name, text] : config_.expressions) {
    if (t.column_index(name) >= 0) throw_invalid(overwrite_message(name));
    std::shared_ptr<const expr::Expression> e = expr::Expression::compile(text, fields);
    exprs_.push_back({Field{name, e->type(), e->wide()}, -1});
    volatile_ = volatile_ || !e->row_local();
    compiled.emplace_back(text, std::move(e));
  }
  const TableColumnSource source(t, &exprs_);
  RowFilter::check_terms(source, config_.filter);
  if (config_.columns) {
    for (auto& c : *config_.columns) check_column(source, c, "columns");
    columns_ = *config_.columns;
  } else {
    for (auto& f : t.schema()) columns_.push_back(f.name);
    for (auto& e : exprs_) columns_.push_back(e.field.name);
  }
  for (auto& [c, agg] : config_.aggregates) check_column(source, c, "aggregates");
  for (auto& c : config_.group_by) check_column(source, c, "group_by");
  for (auto& c : config_.split_by) check_column(source, c, "split_by");
  for (auto& f : config_.filter) check_column(source, f.column, "filters");
  for (auto& [c, dir] : config_.sort) check_column(source, c, "sorts");
  if (!compiled.empty()) {
    computed_ = table_->acquire_computed(compiled);
    for (size_t i = 0; i < exprs_.size(); ++i) exprs_[i].index = computed_[i];
  }
  try {
    engine_ = make_view_engine(t, config_, columns_, exprs_);
    // Columns that are not row-local change on every row at each change
    // (Table::evaluate_computed): replaying touched rows would miss the rest.
    if (volatile_) engine_->set_incremental(false);
    // Computed at creation, as the reference does: later changes are then
    // deltas against this state (row deltas, journal replay).
    auto lock = table_->read_lock();
    engine_->refresh(t);
    seen_version_ = t.version();
    journal_columns_ = engine_->journal_columns(t);  // sized by the table's columns: under the lock
  } catch (...) {
    if (!computed_.empty()) table_->release_computed(computed_);
    throw;
  }
  view_slot_ = table_->attach_view(journal_columns_, seen_version_);
}

View::~View() { close(); }

void View::close() {
  std::lock_guard<std::mutex> g(mu_);
  if (closed_) return;
  closed_ = true;
  table_->detach_view(view_slot_, journal_columns_);
  if (!computed_.empty()) table_->release_computed(computed_);
  computed_.clear();
}

void View::check_open() const {
  if (closed_) throw_state("View has been deleted");
}

Frame View::delta_frame() {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  Frame f = engine_->delta_frame(*table_);
  engine_->set_row_deltas(true);
  f.grouped = false;  // no row path in a delta
  f.row_path.clear();
  f.depth.clear();
  f.pin_dictionaries();
  return f;
}

void View::set_row_deltas(bool on) {
  std::lock_guard<std::mutex> g(mu_);
  check_open();
  engine_->set_row_deltas(on);
}

void View::set_incremental(bool on) {
  std::lock_guard<std::mutex> g(mu_);
  check_open();
  engine_->set_incremental(on && !volatile_);
}

std::shared_lock<std::shared_mutex> View::sync() {
  check_open();
  auto lock = table_->read_lock();
  table_->check_alive();
  if (seen_version_ != table_->version()) {
    engine_->refresh(*table_);
    seen_version_ = table_->version();
    table_->view_synced(view_slot_, seen_version_);
  }
  return lock;
}

Frame View::frame(const WindowSpec& w) {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  size_t r0, r1, c0, c1;
  clamp_window(w.start_row, w.end_row, engine_->num_rows(), &r0, &r1);
  clamp_window(w.start_col, w.end_col, engine_->column_paths().size(), &c0, &c1);
  Frame f = engine_->frame(*table_, r0, r1, c0, c1, w);
  f.pin_dictionaries();  // the frame outlives the read lock
  return f;
}

std::vector<std::string> View::column_paths(const WindowSpec& w) {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  auto paths = engine_->column_paths();
  size_t c0, c1;
  clamp_window(w.start_col, w.end_col, paths.size(), &c0, &c1);
  return std::vector<std::string>(paths.begin() + c0, paths.begin() + c1);
}

std::vector<OutputField> View::schema() {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  return engine_->schema();
}

std::vector<OutputField> View::expression_schema() {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  const std::vector<OutputField> shown = engine_->schema();
  std::vector<OutputField> out;
  for (const ExpressionColumn& e : exprs_) {
    OutputField f{e.field.name, e.field.type};
    for (const OutputField& s : shown)
      if (s.name == f.name) f.type = s.type;
    out.push_back(f);
  }
  return out;
}

Dimensions View::dimensions() {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  return {table_->size(), table_->schema().size(), engine_->num_rows(), engine_->column_paths().size()};
}

size_t View::num_rows() {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  return engine_->num_rows();
}

std::pair<Scalar, Scalar> View::min_max(const std::string& column) {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  return engine_->min_max(*table_, column);
}

int64_t View::expand(int64_t row) {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  return row < 0 ? 0 : engine_->expand(size_t(row));
}

int64_t View::collapse(int64_t row) {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  return row < 0 ? 0 : engine_->collapse(size_t(row));
}

void View::set_depth(int depth) {
  std::lock_guard<std::mutex> g(mu_);
  auto lock = sync();
  engine_->set_depth(depth);
}

WindowSpec WindowSpec::parse_json(std::string_view json) {
  WindowSpec w;
  if (json.empty()) return w;
  simdjson::dom::parser parser;
  auto root = parse_json_document(parser, json, "window options");
  if (!root.is_object()) return w;
  for (auto [k, v] : root.get_object()) {
    auto num = [&](double* out) {
      if (v.is_number()) *out = v.get_double().value();  // get_double converts ints too
      else if (!v.is_null()) throw_invalid("invalid type: expected a number for `" + std::string(k) + "`");
    };
    auto flag = [&](bool* out) {
      if (v.is_bool()) *out = v.get_bool().value();
      else if (!v.is_null()) throw_invalid("invalid type: expected a boolean for `" + std::string(k) + "`");
    };
    if (k == "start_row") num(&w.start_row);
    else if (k == "end_row") num(&w.end_row);
    else if (k == "start_col") num(&w.start_col);
    else if (k == "end_col") num(&w.end_col);
    else if (k == "id") flag(&w.id);
    else if (k == "index") flag(&w.index);
    else if (k == "formatted") flag(&w.formatted);
    else if (k == "leaves_only") flag(&w.leaves_only);
  }
  return w;
}

}  // namespace parallax
