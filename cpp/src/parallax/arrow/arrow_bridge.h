// Arrow C Data Interface in and out of the engine (no Arrow C++ dependency).
//
// Import takes ownership of the caller's structs (moves them: the caller's copy
// is marked released), even when it throws. Numeric buffers are adopted
// zero-copy where the storage matches; the imported array is released when the
// last Column buffer that borrows it goes away.
// Export fills caller-provided structs; buffers are shared with the Frame's
// columns (zero-copy) and kept alive until the consumer calls release, which
// may happen on any thread.
#pragma once
#include "parallax/arrow/c_data.h"
#include "parallax/core/batch.h"
#include "parallax/view/frame.h"

namespace parallax {

/// One record batch (a struct array). target == nullptr: map Arrow types to
/// Perspective types (semantics 1.7); otherwise convert to the target schema.
Batch import_arrow(ArrowSchema* schema, ArrowArray* array, const Schema* target);
/// Every batch of a stream, concatenated. Releases the stream.
Batch import_arrow_stream(ArrowArrayStream* stream, const Schema* target);

/// Exports a Frame as one struct array. Grouped frames get one
/// "<col> (Group by N)" column per row-path level first (as Perspective's
/// to_arrow); strings are dictionary<int32, utf8>; `opts.index`/`id` add
/// __INDEX__/__ID__ as Perspective does.
void export_frame(const Frame& frame, const WindowSpec& opts, ArrowSchema* out_schema, ArrowArray* out_array);

}  // namespace parallax
