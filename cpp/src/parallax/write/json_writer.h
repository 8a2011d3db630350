// The engine-JSON serialisers: to_columns_string, to_json_string and to_ndjson
// of Perspective 3.8, byte for byte (rapidjson's number and string text, the
// key order and the empty-output rules of each view kind; semantics 4.1).
// Thread-safety: reads the Frame only; may run concurrently with anything
// that does not mutate the Frame.
#pragma once
#include <string>

#include "parallax/view/frame.h"

namespace parallax::text {

/// Appends `{"col":[...],...}` (grouped: __ROW_PATH__ first).
void write_json_columns(const Frame& frame, const WindowSpec& opts, std::string& out);
/// Appends `[{...},...]`, or with `ndjson` one object per line and no
/// trailing newline. ndjson line i is records element i: it honours the window
/// and id / index / formatted / leaves_only, which Perspective 3.8's to_ndjson
/// ignores (docs/COMPATIBILITY.md).
void write_json_records(const Frame& frame, const WindowSpec& opts, bool ndjson, std::string& out);

}  // namespace parallax::text
