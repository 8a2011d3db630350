// Reading foreign Arrow C Data arrays safely: format-string parsing, the
// structural validation every imported array gets before any buffer is read
// (buffer counts, null buffers, lengths, offsets, dictionary indices, list
// children), and Perspective's text rendering of list cells. Malformed input
// is an Error(Parse), never a crash. Pure functions; thread-safe.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "parallax/arrow/c_data.h"

namespace parallax {

struct ArrowKind {
  enum Id : uint8_t {
    Null, Bool, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float16, Float32, Float64,
    Decimal128, Utf8, LargeUtf8, Binary, LargeBinary, Date32, Date64, Timestamp, List, Dictionary,
    Other,  // valid Arrow, not loadable: `name` says which
  };
  Id id = Other;
  std::string name;            // Arrow's type name, for messages ("halffloat", "time32", ...)
  int64_t unit = 0;            // Timestamp: ticks per second
  int index_width = 0;         // Dictionary: index bytes
  bool index_unsigned = false;
  std::shared_ptr<ArrowKind> value;  // Dictionary values / List elements
};

/// The kind of a schema node (its dictionary, when present, makes it a Dictionary).
ArrowKind parse_arrow_kind(const ArrowSchema* s);

/// Checks that rows [start, start + length) of `a` can be read as `k`.
/// `column` names the column in messages.
void validate_arrow_array(const ArrowArray* a, const ArrowSchema* s, const ArrowKind& k, int64_t start,
                          int64_t length, const std::string& column);

/// Dictionary index i of an index buffer of the given width.
int64_t read_index(const uint8_t* idx, int width, bool is_unsigned, int64_t i);

/// A list cell as Perspective renders it (rapidjson: `[1,2]`, `[1.5,2.0]`, `["a"]`).
std::string list_text(const ArrowArray* a, const ArrowKind& k, int64_t row);

}  // namespace parallax
