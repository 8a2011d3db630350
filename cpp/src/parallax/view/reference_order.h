// The order in which the reference engine hands a flat view's rows to its
// sort. Perspective 3.8 builds a new flat view's row index in t_ftrav::step_end
// by iterating a tsl::hopscotch_map<t_tscalar, t_mselem> (v2.3.1, 62-bucket
// neighbourhoods, power-of-two growth, max load 0.9, no stored hash) filled
// with one entry per row in table order, keyed by the row's pkey, then calls
// std::sort. The hash of a pkey is Perspective's hash_value(t_tscalar): boost
// 1.82 hash_combine of the 64-bit value word, the dtype code and the status,
// with 32-bit size_t (wasm32). Everything here is a function of the pkeys, so
// the order can be reproduced; it only matters where the sort comparator is
// not a strict weak order (see sort.h).
//
// Thread-safety: pure functions.
#pragma once
#include <cstdint>
#include <vector>

namespace parallax::reference {

/// Perspective's dtype codes of the scalars that can be pkeys here.
enum class PkeyType : uint32_t { Int64 = 1, Int32 = 2 };

/// hash_value(t_tscalar) of a valid scalar whose value word is `word`.
uint32_t pkey_hash(uint64_t word, PkeyType type);

/// Iteration order of a hopscotch map into which keys with these hashes were
/// inserted in index order: a permutation of [0, hashes.size()).
std::vector<uint32_t> hopscotch_order(const std::vector<uint32_t>& hashes);

}  // namespace parallax::reference
