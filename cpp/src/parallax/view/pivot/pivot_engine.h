// Entry point of the pivot engine (group_by and/or split_by views).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "parallax/view/column_source.h"
#include "parallax/view/view_engine.h"

namespace parallax {

/// Builds the engine for a config with a non-empty group_by or split_by.
/// Validates aggregates (names, types, weight columns) with Perspective's
/// messages; throws Error(Invalid).
std::unique_ptr<ViewEngine> make_pivot_engine(const Table& table, const ViewConfig& config,
                                              const std::vector<std::string>& columns,
                                              const ExpressionColumns& exprs);

}  // namespace parallax
