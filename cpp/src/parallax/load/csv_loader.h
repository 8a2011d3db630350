// CSV loader behind load_text (loaders.h): an RFC 4180 parser run in parallel
// chunks, with the inference and conversion rules Perspective inherits from
// Arrow's CSV reader (semantics 1.5). Internal to the load/ folder.
#pragma once
#include <string_view>

#include "parallax/core/batch.h"

namespace parallax {

/// `dicts` (update only, optional): the target's dictionaries; string cells are
/// interned straight into them (see SchemaDicts for the locking this needs).
Batch load_csv(std::string_view csv, const Schema* target, const SchemaDicts* dicts = nullptr);

}  // namespace parallax
