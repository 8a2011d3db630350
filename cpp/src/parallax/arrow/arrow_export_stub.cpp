// TEMPORARY placeholder until the Arrow exporter lands.
#include "parallax/arrow/arrow_bridge.h"
#include "parallax/core/error.h"
namespace parallax {
void export_frame(const Frame&, const WindowSpec&, ArrowSchema*, ArrowArray*) { throw_internal("arrow export not built yet"); }
}  // namespace parallax
