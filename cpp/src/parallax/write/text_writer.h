// Text serialisers of a Frame, byte-identical to Perspective 3.8's
// to_columns_string / to_json_string / to_ndjson / to_csv (semantics 4.1, 1.1).
//
// Quirks the caller must know:
//  * Ndjson is Records one object per line. Unlike Perspective 3.8, whose server
//    reads an ndjson request's options from the wrong message and so ignores the
//    window and id / index / formatted / leaves_only, it honours them
//    (docs/COMPATIBILITY.md).
//  * Csv ignores id / index / formatted / leaves_only (to_csv has no such options).
//  * leaves_only is applied here, not by the engines (see Frame::grouped).
#pragma once
#include <string>

#include "parallax/view/frame.h"

namespace parallax {

enum class TextOutput { Columns, Records, Ndjson, Csv };

/// "columns" | "records" | "json" | "ndjson" | "csv"; else Error(Invalid).
TextOutput parse_text_output(std::string_view name);

/// Appends the serialised frame to `out`. Honors opts.id / index / formatted /
/// leaves_only as Perspective does for that format. Large frames are written
/// by engine_threads() threads. Throws Error(Internal) on a malformed frame
/// (then `out` may hold part of the text).
void write_text(const Frame& frame, TextOutput format, const WindowSpec& opts, std::string& out);

}  // namespace parallax
