#include "parallax/view/sort.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "parallax/core/datetime.h"
#include "parallax/core/error.h"
#include "parallax/core/parallel.h"
#include "parallax/view/libcxx_sort.h"
#include "parallax/view/reference_order.h"

namespace parallax {

namespace {

constexpr uint64_t kSign = uint64_t(1) << 63;
constexpr uint64_t kMax = ~uint64_t(0);
constexpr size_t kGrain = 1 << 16;

/// Order-preserving unsigned code of a non-NaN double; -0.0 folds into 0.0.
uint64_t float_code(double d) {
  if (d == 0) d = 0;
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return (b & kSign) ? ~b : (b | kSign);
}

/// What Perspective's to_double() gives for a date: its packed storage
/// (year << 16 | zero-based month << 8 | day).
double date_storage(int32_t days) {
  CivilDate c = civil_from_days(days);
  uint32_t raw = (uint32_t(int32_t(int16_t(c.year))) << 16) | ((c.month - 1) << 8) | c.day;
  return double(raw);
}

/// |to_double(cell)| as the abs directions compare it: nulls and strings are 0.
double abs_value(const Column& c, uint32_t r) {
  if (!c.is_valid(r)) return 0;
  switch (c.type()) {
    case DType::Boolean: return c.get<uint8_t>(r);
    case DType::Integer: return std::fabs(double(c.get_int(r)));
    case DType::Float: return std::fabs(c.get<double>(r));
    case DType::Date: return date_storage(c.get<int32_t>(r));
    case DType::Datetime: return std::fabs(double(c.get<int64_t>(r)));
    case DType::String: return 0;
  }
  return 0;
}

uint64_t abs_code(double a) { return std::isnan(a) ? 0 : float_code(a); }

bool asc_like(SortDir d) { return d == SortDir::Asc || d == SortDir::AscAbs || d == SortDir::None; }
bool is_abs(SortDir d) { return d == SortDir::AscAbs || d == SortDir::DescAbs; }

/// Perspective's status order: creation null < valid < update null.
int status_rank(NullKind k) { return k == NullKind::CtorNull ? 0 : k == NullKind::Valid ? 1 : 2; }

/// Three-way comparison of two cells of one column: status first, then value.
int compare_cells(const Column& c, uint32_t a, NullKind na, uint32_t b, NullKind nb) {
  if (na != nb) return status_rank(na) < status_rank(nb) ? -1 : 1;
  if (na != NullKind::Valid) return 0;
  auto three = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (c.type()) {
    case DType::Boolean: return three(c.get<uint8_t>(a), c.get<uint8_t>(b));
    case DType::Integer: return three(c.get_int(a), c.get_int(b));
    case DType::Float: return three(c.get<double>(a), c.get<double>(b));
    case DType::Date: return three(c.get<int32_t>(a), c.get<int32_t>(b));
    case DType::Datetime: return three(c.get<int64_t>(a), c.get<int64_t>(b));
    case DType::String: {
      if (c.get<int32_t>(a) == c.get<int32_t>(b)) return 0;
      return three(c.get_string(a), c.get_string(b));  // byte order
    }
  }
  return 0;
}

/// Encodes one key for every position. Codes order cells as Perspective
/// does (status, then value) and are equal exactly when the cells are.
SortedRows::KeyCodes encode(const SortKey& k, const std::vector<uint32_t>& rows) {
  const Column& c = *k.column;
  SortedRows::KeyCodes kc;
  kc.dir = k.dir;
  kc.is_float = c.type() == DType::Float;
  const size_t n = rows.size();
  kc.code.resize(n);
  const uint8_t* valid = c.validity();
  const uint8_t* upd = c.update_nulls();
  // Null codes: creation nulls below and update nulls above every value code.
  auto null_code = [upd](uint32_t r, uint64_t ctor) { return upd && bits::get(upd, r) ? kMax : ctor; };
  uint64_t* code = kc.code.data();
  const uint32_t* rid = rows.data();

  bool wide64 = (c.type() == DType::Integer && c.wide()) || c.type() == DType::Datetime;
  if (wide64) {
    // Values use the whole code range; the null kinds fit around them unless
    // a value is INT64_MIN or INT64_MAX, in which case they go to `rank`.
    const int64_t* v = c.data<int64_t>();
    bool extremes = false;
    for (size_t i = 0; i < n && !extremes; ++i)
      extremes = bits::get(valid, rid[i]) && (v[rid[i]] == INT64_MIN || v[rid[i]] == INT64_MAX);
    if (extremes) kc.rank.resize(n);
    parallel_for(n, kGrain, [&](size_t b, size_t e, int) {
      for (size_t i = b; i < e; ++i) {
        uint32_t r = rid[i];
        bool ok = bits::get(valid, r);
        if (extremes) {
          kc.rank[i] = ok ? 1 : (upd && bits::get(upd, r) ? 2 : 0);
          code[i] = ok ? uint64_t(v[r]) ^ kSign : 0;
        } else {
          code[i] = ok ? uint64_t(v[r]) ^ kSign : null_code(r, 0);
        }
      }
    });
  } else {
    std::shared_ptr<const std::vector<int32_t>> ranks;
    if (c.type() == DType::String) ranks = c.dict()->sort_ranks();
    parallel_for(n, kGrain, [&](size_t b, size_t e, int) {
      for (size_t i = b; i < e; ++i) {
        uint32_t r = rid[i];
        if (!bits::get(valid, r)) {
          code[i] = null_code(r, 1);
          continue;
        }
        switch (c.type()) {
          case DType::Boolean: code[i] = 2 + c.get<uint8_t>(r); break;
          case DType::Integer:
          case DType::Date: code[i] = 2 + uint64_t(int64_t(c.get<int32_t>(r)) - INT32_MIN); break;
          case DType::Float: {
            double d = c.get<double>(r);
            code[i] = std::isnan(d) ? 0 : float_code(d);  // NaN below everything; valid codes are > 1
            break;
          }
          case DType::String: {
            int32_t s = c.get<int32_t>(r);
            code[i] = 2 + uint64_t((s >= 0 && size_t(s) < ranks->size()) ? (*ranks)[size_t(s)] : 0);
            break;
          }
          case DType::Datetime: break;  // wide64
        }
      }
    });
  }
  if (is_abs(k.dir)) {
    kc.abs.resize(n);
    parallel_for(n, kGrain, [&](size_t b, size_t e, int) {
      for (size_t i = b; i < e; ++i) kc.abs[i] = abs_code(abs_value(c, rid[i]));
    });
  }
  return kc;
}

/// Makes [done, k) of `v` final under `less` (k <= v.size()).
template <class T, class Less>
void finish_prefix(std::vector<T>& v, size_t done, size_t k, Less less) {
  const size_t n = v.size();
  if (k >= n || (k - done) * 4 >= n - done) {
    std::sort(v.begin() + done, v.end(), less);
    return;
  }
  std::nth_element(v.begin() + done, v.begin() + k, v.end(), less);
  std::sort(v.begin() + done, v.begin() + k, less);
}

}  // namespace

bool is_row_sort(SortDir d) {
  return d == SortDir::Asc || d == SortDir::Desc || d == SortDir::AscAbs || d == SortDir::DescAbs || d == SortDir::None;
}

bool sorts_before(const std::vector<SortKey>& keys, uint32_t a, uint64_t pos_a, uint32_t b, uint64_t pos_b) {
  for (const SortKey& k : keys) {
    const Column& c = *k.column;
    NullKind na = c.null_kind(a), nb = c.null_kind(b);
    if (c.type() == DType::Float) {
      // nan_compare(): a NaN goes first in ascending-like and last in descending order.
      bool nan_a = na == NullKind::Valid && std::isnan(c.get<double>(a));
      bool nan_b = nb == NullKind::Valid && std::isnan(c.get<double>(b));
      if (nan_a && nan_b) continue;
      if (nan_a || nan_b) return asc_like(k.dir) ? nan_a : nan_b;
    }
    int cmp = compare_cells(c, a, na, b, nb);
    if (cmp == 0) continue;
    switch (k.dir) {
      case SortDir::Asc: return cmp < 0;
      case SortDir::Desc: return cmp > 0;
      case SortDir::AscAbs:
      case SortDir::DescAbs: {
        double da = abs_value(c, a), db = abs_value(c, b);
        bool asc = k.dir == SortDir::AscAbs;
        if (da != db) return asc ? da < db : da > db;
        return asc ? pos_a < pos_b : pos_a > pos_b;  // (|v|, pkey) pairs compare the pkey too
      }
      default: return pos_a < pos_b;  // none
    }
  }
  return pos_a < pos_b;
}

bool SortedRows::needs_reference_order(const std::vector<SortKey>& keys) {
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].dir == SortDir::DescAbs) return true;
    if (keys[i].dir == SortDir::None && i + 1 < keys.size()) return true;
  }
  return false;
}

SortedRows::SortedRows(const std::vector<SortKey>& keys, std::vector<uint32_t> rows,
                       const std::vector<uint32_t>& ref_hashes)
    : rows_(std::move(rows)) {
  for (const SortKey& k : keys) {
    if (!is_row_sort(k.dir)) throw_internal("column sort direction passed to a row sort");
    keys_.push_back(encode(k, rows_));
  }
  const size_t n = rows_.size();
  if (n > UINT32_MAX) throw_invalid("too many rows to sort");
  fast_ = keys_.size() == 1 && keys_[0].rank.empty() &&
          (keys_[0].dir == SortDir::Asc || keys_[0].dir == SortDir::Desc);
  if (!fast_ && ref_hashes.size() == n && n > 1 && needs_reference_order(keys)) {
    // The reference's input order and algorithm, over all rows at once.
    order_ = reference::hopscotch_order(ref_hashes);
    libcxx::sort(order_.data(), order_.data() + n, [this](uint32_t a, uint32_t b) { return less(a, b); });
    out_.resize(n);
    for (size_t i = 0; i < n; ++i) out_[i] = rows_[order_[i]];
    done_ = n;
    return;
  }
  if (!fast_) {
    order_.resize(n);
    std::iota(order_.begin(), order_.end(), 0u);
  }
}

bool SortedRows::less(uint32_t pa, uint32_t pb) const {
  for (const KeyCodes& k : keys_) {
    const uint64_t ca = k.code[pa], cb = k.code[pb];
    const uint8_t ra = k.rank.empty() ? 0 : k.rank[pa], rb = k.rank.empty() ? 0 : k.rank[pb];
    if (ca == cb && ra == rb) continue;
    const bool a_first = ra != rb ? ra < rb : ca < cb;
    switch (k.dir) {
      case SortDir::Asc: return a_first;
      case SortDir::Desc: return !a_first;
      case SortDir::AscAbs: return k.abs[pa] != k.abs[pb] ? k.abs[pa] < k.abs[pb] : pa < pb;
      case SortDir::DescAbs: return k.abs[pa] != k.abs[pb] ? k.abs[pa] > k.abs[pb] : pa > pb;
      default:
        if (k.is_float && (ca == 0 || cb == 0)) return ca == 0;  // a NaN goes first
        return pa < pb;
    }
  }
  return pa < pb;
}

std::pair<uint64_t, uint32_t> SortedRows::fast_pair(uint32_t pos) const {
  // Ascending (code, position) order is the sort order; descending keys use
  // the complemented code, so ties still go by ascending position.
  uint64_t c = keys_[0].code[pos];
  return {keys_[0].dir == SortDir::Desc ? ~c : c, pos};
}

void SortedRows::select_top(size_t k) {
  // One pass with a max-heap of the k best: O(n log k), and for small windows
  // over many rows far cheaper than ordering everything.
  std::vector<std::pair<uint64_t, uint32_t>> heap;
  heap.reserve(k);
  const uint32_t n = uint32_t(rows_.size());
  for (uint32_t i = 0; i < n; ++i) {
    auto p = fast_pair(i);
    if (heap.size() < k) {
      heap.push_back(p);
      std::push_heap(heap.begin(), heap.end());
    } else if (p < heap.front()) {
      std::pop_heap(heap.begin(), heap.end());
      heap.back() = p;
      std::push_heap(heap.begin(), heap.end());
    }
  }
  std::sort_heap(heap.begin(), heap.end());
  out_.resize(heap.size());
  for (size_t i = 0; i < heap.size(); ++i) out_[i] = rows_[heap[i].second];
  done_ = heap.size();
}

const std::vector<uint32_t>& SortedRows::prefix(size_t k) {
  const size_t n = rows_.size();
  k = std::min(k, n);
  if (k <= done_) return out_;
  if (fast_ && pairs_.empty()) {
    if (done_ == 0 && k * 64 <= n) {
      select_top(k);
      return out_;
    }
    pairs_.resize(n);
    parallel_for(n, kGrain, [&](size_t b, size_t e, int) {
      for (size_t i = b; i < e; ++i) pairs_[i] = fast_pair(uint32_t(i));
    });
    done_ = 0;  // a heap-selected head is recomputed along with the rest
  }
  if (fast_) {
    finish_prefix(pairs_, done_, k, std::less<std::pair<uint64_t, uint32_t>>());
  } else {
    finish_prefix(order_, done_, k, [this](uint32_t a, uint32_t b) { return less(a, b); });
  }
  // finish_prefix sorts everything when the window is a large part of the rest.
  size_t final_upto = (k >= n || (k - done_) * 4 >= n - done_) ? n : k;
  out_.resize(final_upto);
  for (size_t i = done_; i < final_upto; ++i) out_[i] = rows_[fast_ ? pairs_[i].second : order_[i]];
  done_ = final_upto;
  return out_;
}

}  // namespace parallax
