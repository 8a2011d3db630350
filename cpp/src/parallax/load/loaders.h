// Text loaders: CSV, JSON rows, JSON columns, NDJSON -> Batch, with
// Perspective's inference (table creation) and coercion (update) rules
// (docs: perspective-semantics.md 1.2-1.6, 1.8).
#pragma once
#include <string_view>

#include "parallax/core/batch.h"

namespace parallax {

enum class TextFormat { Csv, JsonRows, JsonColumns, Ndjson };

/// "csv" | "json" | "columns" | "ndjson"; anything else is Error(Invalid).
TextFormat parse_text_format(std::string_view name);

/// Parses `data`. With target == nullptr the column types are inferred (table
/// creation). Otherwise values are coerced to the target schema (update):
/// columns not in the target are dropped, cells a row does not mention are
/// absent (BatchColumn::present), and a column named "__INDEX__" is kept.
/// Throws Error(Parse) for malformed text and Error(Invalid) for values that
/// do not fit, with Perspective's messages. Never leaves partial state, except
/// for strings already interned into `dicts` (the caller truncates them).
/// `dicts` (update only, optional): the target table's dictionaries (one per
/// target field, see SchemaDicts); CSV interns string cells straight into
/// them, the JSON formats ignore them.
Batch load_text(std::string_view data, TextFormat format, const Schema* target, const SchemaDicts* dicts = nullptr);

/// Parses a JSON array of key values for Table::remove, coerced to the key's type.
Batch load_keys_json(std::string_view json, const Field& key);

}  // namespace parallax
