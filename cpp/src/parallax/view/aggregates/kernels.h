// Grouped kernels shared by the streaming aggregates: tight, branch-free loops
// over a RowRun written once as templates over the physical value type. The
// identity/no-null case reads the value buffer sequentially with no bitmap
// work; rows with nulls are masked through the validity bitmap (stored bytes
// under a null may be anything for imported buffers, so they are never read
// as values).
//
// Pure functions; the caller owns every buffer. Tested against naive scalar
// references in aggregate_kernels_test.cpp.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "parallax/core/buffer.h"
#include "parallax/core/column.h"
#include "parallax/view/aggregates/aggregate.h"

namespace parallax::agg {

/// Calls f(const T* values) with the column's physical value array:
/// uint8_t (boolean), int32_t (integer, date, string codes), int64_t (wide
/// integer, datetime) or double.
template <class F>
decltype(auto) with_values(const Column& c, F&& f) {
  switch (c.type()) {
    case DType::Boolean: return f(c.data<uint8_t>());
    case DType::Integer: return c.wide() ? f(c.data<int64_t>()) : f(c.data<int32_t>());
    case DType::Float: return f(c.data<double>());
    case DType::Datetime: return f(c.data<int64_t>());
    case DType::Date:
    case DType::String: break;
  }
  return f(c.data<int32_t>());
}

/// acc[groups[i]] += value(rows[i]) (or -= with kNegate); nulls add nothing.
template <class T, class Acc, bool kNegate = false>
void grouped_sum(const T* v, const uint8_t* valid, bool has_nulls, const RowRun& run, const uint32_t* groups,
                 Acc* acc) {
  const size_t n = run.n;
  if (!run.rids) {
    const T* base = v + run.first;
    if (!has_nulls) {
      for (size_t i = 0; i < n; ++i) {
        if constexpr (kNegate) acc[groups[i]] -= Acc(base[i]);
        else acc[groups[i]] += Acc(base[i]);
      }
      return;
    }
    for (size_t i = 0; i < n; ++i) {
      Acc x = bits::get(valid, run.first + i) ? Acc(base[i]) : Acc(0);
      if constexpr (kNegate) acc[groups[i]] -= x;
      else acc[groups[i]] += x;
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    uint32_t r = run.rids[i];
    Acc x = (!has_nulls || bits::get(valid, r)) ? Acc(v[r]) : Acc(0);
    if constexpr (kNegate) acc[groups[i]] -= x;
    else acc[groups[i]] += x;
  }
}

/// cnt[groups[i]] += 1 for every valid row (or -= 1 with kNegate).
template <class Cnt, bool kNegate = false>
void grouped_count_valid(const uint8_t* valid, bool has_nulls, const RowRun& run, const uint32_t* groups,
                         Cnt* cnt) {
  for (size_t i = 0; i < run.n; ++i) {
    Cnt x = (!has_nulls || bits::get(valid, run.rid(i))) ? 1 : 0;
    if constexpr (kNegate) cnt[groups[i]] -= x;
    else cnt[groups[i]] += x;
  }
}

}  // namespace parallax::agg
