// TEMPORARY placeholder until the text writers land.
#include "parallax/core/error.h"
#include "parallax/write/text_writer.h"
namespace parallax {
TextOutput parse_text_output(std::string_view) { throw_internal("writers not built yet"); }
void write_text(const Frame&, TextOutput, const WindowSpec&, std::string&) { throw_internal("writers not built yet"); }
}  // namespace parallax
