#include "parallax/load/loaders.h"

#include "parallax/core/error.h"
#include "parallax/load/csv_loader.h"
#include "parallax/load/json_loader.h"

namespace parallax {

TextFormat parse_text_format(std::string_view name) {
  if (name == "csv") return TextFormat::Csv;
  if (name == "json") return TextFormat::JsonRows;
  if (name == "columns") return TextFormat::JsonColumns;
  if (name == "ndjson") return TextFormat::Ndjson;
  throw_invalid("Unknown format `" + std::string(name) + "`; expected csv, json, columns or ndjson");
}

Batch load_text(std::string_view data, TextFormat format, const Schema* target, const SchemaDicts* dicts) {
  switch (format) {
    case TextFormat::Csv: return load_csv(data, target, dicts);
    case TextFormat::JsonRows: return load_json_rows(data, target);
    case TextFormat::JsonColumns: return load_json_columns(data, target);
    case TextFormat::Ndjson: return load_ndjson(data, target);
  }
  throw_internal("unhandled text format");
}

}  // namespace parallax
