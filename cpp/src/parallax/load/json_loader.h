// JSON text loaders (rows, columns, NDJSON, remove() keys) behind load_text
// (loaders.h). Internal to the load/ folder.
#pragma once
#include <string_view>

#include "parallax/core/batch.h"

namespace parallax {

Batch load_json_rows(std::string_view json, const Schema* target);
Batch load_json_columns(std::string_view json, const Schema* target);
Batch load_ndjson(std::string_view text, const Schema* target);

}  // namespace parallax
