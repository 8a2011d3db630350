#include "parallax/write/text_writer.h"

#include "parallax/core/error.h"
#include "parallax/write/csv_writer.h"
#include "parallax/write/json_writer.h"

namespace parallax {

TextOutput parse_text_output(std::string_view name) {
  if (name == "columns") return TextOutput::Columns;
  if (name == "records" || name == "json") return TextOutput::Records;
  if (name == "ndjson") return TextOutput::Ndjson;
  if (name == "csv") return TextOutput::Csv;
  throw_invalid("unknown variant `" + std::string(name) + "`, expected one of `columns`, `records`, `json`, `ndjson`, `csv`");
}

void write_text(const Frame& frame, TextOutput format, const WindowSpec& opts, std::string& out) {
  switch (format) {
    case TextOutput::Columns: return text::write_json_columns(frame, opts, out);
    case TextOutput::Records: return text::write_json_records(frame, opts, false, out);
    case TextOutput::Ndjson: return text::write_json_records(frame, opts, true, out);
    case TextOutput::Csv: return text::write_csv(frame, out);
  }
  throw_internal("unknown text output format");
}

}  // namespace parallax
