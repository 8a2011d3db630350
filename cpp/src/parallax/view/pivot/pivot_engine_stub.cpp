// TEMPORARY placeholder until the pivot engine lands.
#include "parallax/core/error.h"
#include "parallax/view/pivot/pivot_engine.h"
namespace parallax {
std::unique_ptr<ViewEngine> make_pivot_engine(const Table&, const ViewConfig&, const std::vector<std::string>&) {
  throw_invalid("group_by and split_by are not supported by this build yet");
}
}  // namespace parallax
