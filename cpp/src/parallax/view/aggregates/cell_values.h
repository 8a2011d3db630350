// Cells as Perspective's scalar (t_tscalar) sees them, for the aggregates that
// compare, print or convert individual values: order keys with the two-null
// ordering of semantics T1, the raw numeric reading (`to_double`), truthiness
// (`as_bool`) and the text used by `join`.
//
// Pure functions over a Column; safe from any thread.
#pragma once
#include <cstdint>
#include <string>

#include "parallax/core/column.h"

namespace parallax::agg {

/// Status ranks as the reference compares them: a creation null sorts before
/// every value, an update null after (T1).
enum : uint8_t { kCtorNull = 0, kValid = 1, kUpdateNull = 2 };

inline uint8_t cell_status(const Column& c, uint32_t rid) {
  NullKind k = c.null_kind(rid);
  return k == NullKind::Valid ? kValid : k == NullKind::UpdateNull ? kUpdateNull : kCtorNull;
}

/// A cell's order key: status first, then an order-preserving encoding of the
/// value (0 for nulls). Strings use the dictionary's byte-order ranks.
struct CellKey {
  uint64_t v;
  uint32_t rid;
  uint8_t status;
};
inline bool operator<(const CellKey& a, const CellKey& b) {
  return a.status != b.status ? a.status < b.status : a.v < b.v;
}
inline bool same_value(const CellKey& a, const CellKey& b) { return a.status == b.status && a.v == b.v; }

/// Fills out[i] with the key of rids[i].
void make_cell_keys(const Column& c, const uint32_t* rids, size_t n, CellKey* out);
/// Key encoding of one valid value of `c` at `rid` (see CellKey).
uint64_t cell_order_bits(const Column& c, uint32_t rid, const std::vector<int32_t>* string_ranks);

/// The reference's `to_double()` of a cell: the stored value whatever its
/// status (nulls read as 0), booleans as 0/1, dates as the packed
/// (year << 16 | month0 << 8 | day) integer, strings as 0.
double cell_to_double(const Column& c, uint32_t rid);
/// The reference's `as_bool()`: false for nulls and zero values; any string is true.
bool cell_truthy(const Column& c, uint32_t rid);
/// The reference's `to_string()` (join): `null` for nulls, floats like `ostream << double`.
void append_cell_text(std::string& out, const Column& c, uint32_t rid);

}  // namespace parallax::agg
