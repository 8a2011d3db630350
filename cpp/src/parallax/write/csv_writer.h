// The CSV serialiser: Perspective 3.8's to_csv, byte for byte. Perspective
// renders the view as an Arrow record batch and hands it to Arrow 18's CSV
// writer, so this reproduces that writer: a header of quoted names, strings
// quoted with `"` doubled, nulls empty, Arrow's cast-to-string text for the
// other types, and "\n" after every row. Grouped frames lead with one
// "<col> (Group by N)" column per level. id / index / formatted / leaves_only
// do not apply (Perspective's to_csv ignores them).
// Thread-safety: reads the Frame only.
#pragma once
#include <string>

#include "parallax/view/frame.h"

namespace parallax::text {

/// Appends the CSV text of `frame`; nothing at all for a frame without
/// columns (Perspective's guard around an Arrow bug), unless it is grouped.
void write_csv(const Frame& frame, std::string& out);

}  // namespace parallax::text
