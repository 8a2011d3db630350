#include "parallax/view/pivot/pivot_engine.h"

#include "parallax/view/column_source.h"
#include "parallax/view/pivot/grouped_engine.h"
#include "parallax/view/pivot/pivot_spec.h"
#include "parallax/view/pivot/split_only_engine.h"

namespace parallax {

std::unique_ptr<ViewEngine> make_pivot_engine(const Table& table, const ViewConfig& config,
                                              const std::vector<std::string>& columns,
                                              const ExpressionColumns& exprs) {
  PivotSpec spec = resolve_pivot(TableColumnSource(table, &exprs), TableColumnSource(table), config, columns);
  if (config.group_by.empty()) return std::make_unique<SplitOnlyEngine>(table, std::move(spec), config, exprs);
  return std::make_unique<GroupedEngine>(table, std::move(spec), config, exprs);
}

}  // namespace parallax
