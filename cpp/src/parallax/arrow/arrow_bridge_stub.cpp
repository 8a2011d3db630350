// TEMPORARY placeholder until the Arrow bridge lands.
#include "parallax/arrow/arrow_bridge.h"
#include "parallax/core/error.h"
namespace parallax {
Batch import_arrow(ArrowSchema*, ArrowArray*, const Schema*) { throw_internal("arrow not built yet"); }
Batch import_arrow_stream(ArrowArrayStream*, const Schema*) { throw_internal("arrow not built yet"); }
void export_frame(const Frame&, const WindowSpec&, ArrowSchema*, ArrowArray*) { throw_internal("arrow not built yet"); }
}  // namespace parallax
