// A live query over a Table (Perspective's View). Owns its engine, keeps its
// table alive (shared_ptr) and counted (Table::attach_view).
//
// Expression columns: the view compiles config.expressions against the
// table's schema when it is created, and the table hosts their cells as
// computed columns (Table::acquire_computed; see table.h for why there), which
// the view gives back when it closes. The view maps its expression names to
// those columns (ExpressionColumns), and its engine reads them through
// TableColumnSource like table columns, in every section and every view kind.
//
// Thread-safety: every method may be called from any thread. Calls on one View
// are serialised by mu_; the engine reads the table under the table's read
// lock, so views of one table read concurrently while writers wait.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "parallax/table/table.h"
#include "parallax/view/column_source.h"
#include "parallax/view/view_config.h"
#include "parallax/view/view_engine.h"

namespace parallax {

struct Dimensions {
  size_t num_table_rows, num_table_columns, num_view_rows, num_view_columns;
};

class View {
 public:
  /// Validates `config` against the table (Perspective's messages) and builds
  /// the engine. Throws Error(Invalid) and leaves the table untouched.
  View(TablePtr table, ViewConfig config);
  ~View();
  View(const View&) = delete;
  View& operator=(const View&) = delete;

  const ViewConfig& config() const { return config_; }
  /// Columns after defaults (all table columns, then the expression columns in
  /// config order, when `columns` was not given).
  const std::vector<std::string>& resolved_columns() const { return columns_; }
  const TablePtr& table() const { return table_; }

  Frame frame(const WindowSpec& w);
  /// The rows the table's latest change(s) created or changed in this view
  /// (ViewEngine::delta_frame), after bringing the view up to date.
  Frame delta_frame();
  /// Asks refreshes to track the rows they change, so delta_frame() gives
  /// just those (otherwise it gives every row). delta_frame() turns it on too,
  /// for the changes after it.
  void set_row_deltas(bool on);
  /// Off: every refresh recomputes from the table (see ViewEngine).
  void set_incremental(bool on);
  std::vector<std::string> column_paths(const WindowSpec& w);
  std::vector<OutputField> schema();
  /// Every expression column (whether shown or not) with its type, after
  /// aggregation where the view aggregates it (as the reference reports it).
  std::vector<OutputField> expression_schema();
  Dimensions dimensions();
  size_t num_rows();
  std::pair<Scalar, Scalar> min_max(const std::string& column);
  int64_t expand(int64_t row);
  int64_t collapse(int64_t row);
  void set_depth(int depth);

  /// Detaches from the table; every later call throws Error(State). Idempotent.
  void close();
  bool closed() const { return closed_; }

 private:
  /// Takes the table's read lock, refreshes the engine when the table changed.
  std::shared_lock<std::shared_mutex> sync();
  void check_open() const;

  TablePtr table_;
  ViewConfig config_;
  std::vector<std::string> columns_;
  ExpressionColumns exprs_;     // config.expressions, compiled, as the table hosts them
  std::vector<int> computed_;   // Table::acquire_computed()'s indices, given back on close
  bool volatile_ = false;       // some expression is not row-local: every refresh recomputes
  std::unique_ptr<ViewEngine> engine_;
  std::vector<bool> journal_columns_;  // engine_->journal_columns(), as attached
  int view_slot_ = -1;                 // Table::attach_view()'s slot
  uint64_t seen_version_ = ~uint64_t(0);
  std::mutex mu_;
  bool closed_ = false;
};

using ViewPtr = std::shared_ptr<View>;

/// Picks and builds the engine for a validated config (flat or pivot).
/// validate_expressions(): each expression checked as a view would check it,
/// without stopping at the first error (Perspective's Table.validate_expressions).
struct ExpressionValidation {
  struct Failure {
    std::string name, message;
    int line = 0, column = 0;
  };
  std::vector<OutputField> schema;  // the ones that compile, with their types
  std::vector<Failure> errors;
  std::vector<std::pair<std::string, std::string>> aliases;  // every name -> its text
};
ExpressionValidation validate_expressions(const Table& table,
                                          const std::vector<std::pair<std::string, std::string>>& exprs);

/// `exprs` are the view's expression columns, already hosted by the table.
std::unique_ptr<ViewEngine> make_view_engine(const Table& table, const ViewConfig& config,
                                             const std::vector<std::string>& columns,
                                             const ExpressionColumns& exprs);

}  // namespace parallax
