// Text serialisers of a Frame, byte-identical to Perspective 3.8's
// to_columns_string / to_json_string / to_ndjson / to_csv (semantics 4.1, 1.1).
#pragma once
#include <string>

#include "parallax/view/frame.h"

namespace parallax {

enum class TextOutput { Columns, Records, Ndjson, Csv };

/// "columns" | "records" | "json" | "ndjson" | "csv"; else Error(Invalid).
TextOutput parse_text_output(std::string_view name);

/// Appends the serialised frame to `out`. Honors opts.id / index / formatted.
void write_text(const Frame& frame, TextOutput format, const WindowSpec& opts, std::string& out);

}  // namespace parallax
