// TEMPORARY placeholder until the Arrow importer lands.
#include "parallax/arrow/arrow_bridge.h"
#include "parallax/core/error.h"
namespace parallax {
Batch import_arrow(ArrowSchema*, ArrowArray*, const Schema*) { throw_internal("arrow import not built yet"); }
Batch import_arrow_stream(ArrowArrayStream*, const Schema*) { throw_internal("arrow import not built yet"); }
}  // namespace parallax
