#include "parallax/view/pivot/level_values.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>

#include "parallax/core/datetime.h"
#include "parallax/core/parallel.h"
#include "parallax/view/pivot/group_tree.h"
#include "parallax/view/pivot/parallel_map.h"

namespace parallax {

namespace {

uint64_t value_bits(const Column& c, uint32_t r) {
  switch (c.type()) {
    case DType::Integer: return uint64_t(c.get_int(r));
    case DType::Float: {
      uint64_t b;
      double d = c.get<double>(r);
      std::memcpy(&b, &d, 8);
      return b;
    }
    case DType::Date: return uint64_t(int64_t(c.get<int32_t>(r)));
    case DType::Datetime: return uint64_t(c.get<int64_t>(r));
    default: return 0;
  }
}

/// Order-preserving encoding of value bits of `type`.
uint64_t order_of(DType type, uint64_t bits) {
  if (type == DType::Float) {
    double d;
    std::memcpy(&d, &bits, 8);
    if (d == 0) d = 0;
    std::memcpy(&bits, &d, 8);
    return (bits >> 63) ? ~bits : bits | (uint64_t(1) << 63);
  }
  return bits ^ (uint64_t(1) << 63);
}

uint32_t null_code(const Column& c, uint32_t r) {
  return c.null_kind(r) == NullKind::UpdateNull ? LevelValues::kUpdateNull : LevelValues::kCtorNull;
}

}  // namespace

bool LevelValues::encode(const Column& col, const RowSelection& sel, uint32_t* codes) {
  bool kept = true;
  const size_t n = sel.count;
  // Counting nulls reads the whole bitmap: worth it only for large selections.
  const bool has_nulls = n * 64 < col.size() || col.null_count() != 0;
  if (type_ == DType::String) {
    if (dict_ != col.dict()) {
      kept = dict_ == nullptr;
      dict_ = col.dict();
      ranked_size_ = 0;
    }
    const int32_t* v = col.data<int32_t>();
    if (sel.identity && !has_nulls) {
      // The common case: a plain offset copy of the dictionary codes.
      const int32_t* base = v + sel.first;
      parallel_for(n, size_t(1) << 16, [&](size_t b, size_t e, int) {
        for (size_t i = b; i < e; ++i) codes[i] = 2 + uint32_t(base[i]);
      });
    } else {
      map_rows(
          n, codes,
          [&](size_t i) {
            uint32_t r = sel.rid(i);
            return (!has_nulls || col.is_valid(r)) ? 2 + uint32_t(v[r]) : null_code(col, r);
          },
          [](size_t) { return kMiss; });
    }
    size_ = 2 + uint32_t(dict_->size());
  } else if (type_ == DType::Boolean) {
    const uint8_t* v = col.data<uint8_t>();
    map_rows(
        n, codes,
        [&](size_t i) {
          uint32_t r = sel.rid(i);
          return (!has_nulls || col.is_valid(r)) ? 2 + uint32_t(v[r] != 0) : null_code(col, r);
        },
        [](size_t) { return kMiss; });
    size_ = 4;
  } else {
    map_rows(
        n, codes,
        [&](size_t i) -> uint32_t {
          uint32_t r = sel.rid(i);
          if (has_nulls && !col.is_valid(r)) return null_code(col, r);
          int64_t c = index_.find(value_bits(col, r));
          return c < 0 ? kMiss : uint32_t(c);
        },
        [&](size_t i) -> uint32_t {
          uint64_t b = value_bits(col, sel.rid(i));
          int64_t c = index_.find(b);
          if (c >= 0) return uint32_t(c);
          uint32_t code = size_++;
          index_.put(b, code);
          bits_.push_back(b);
          return code;
        });
  }
  update_ranks();
  return kept;
}

bool LevelValues::prepare(const Column& col) {
  bool kept = true;
  if (type_ == DType::String) {
    if (dict_ != col.dict()) {
      kept = dict_ == nullptr;
      dict_ = col.dict();
      ranked_size_ = 0;
    }
    size_ = 2 + uint32_t(dict_->size());
  } else {
    size_ = 4;
  }
  update_ranks();
  return kept;
}

void LevelValues::encode_block(const Column& col, bool has_nulls, const RowSelection& sel, size_t b, size_t e,
                               uint32_t* out) const {
  if (type_ == DType::String) {
    const int32_t* v = col.data<int32_t>();
    if (sel.identity && !has_nulls) {
      const int32_t* base = v + sel.first + b;
      for (size_t i = 0; i < e - b; ++i) out[i] = 2 + uint32_t(base[i]);
      return;
    }
    for (size_t i = b; i < e; ++i) {
      uint32_t r = sel.rid(i);
      out[i - b] = col.is_valid(r) ? 2 + uint32_t(v[r]) : null_code(col, r);
    }
    return;
  }
  const uint8_t* v = col.data<uint8_t>();
  for (size_t i = b; i < e; ++i) {
    uint32_t r = sel.rid(i);
    out[i - b] = col.is_valid(r) ? 2 + uint32_t(v[r] != 0) : null_code(col, r);
  }
}

void LevelValues::update_ranks() {
  if (ranked_size_ == size_ && type_ != DType::String) return;
  ranks_.assign(size_, 0);
  if (type_ == DType::String) {
    auto dr = dict_->sort_ranks();
    for (uint32_t c = 2; c < size_; ++c) ranks_[c] = 1 + uint32_t((*dr)[c - 2]);
  } else if (type_ == DType::Boolean) {
    ranks_[2] = 1;
    ranks_[3] = 2;
  } else {
    std::vector<std::pair<uint64_t, uint32_t>> keyed(size_ - 2);
    for (uint32_t c = 2; c < size_; ++c) keyed[c - 2] = {order_of(type_, bits_[c - 2]), c};
    std::sort(keyed.begin(), keyed.end());
    for (uint32_t k = 0; k < keyed.size(); ++k) ranks_[keyed[k].second] = k + 1;
  }
  ranks_[kCtorNull] = 0;
  ranks_[kUpdateNull] = size_;  // after every value
  ranked_size_ = size_;
}

void LevelValues::write(uint32_t code, Column& out, size_t i) const {
  if (code == kCtorNull) return out.set_null(i, NullKind::CtorNull);
  if (code == kUpdateNull) return out.set_null(i, NullKind::UpdateNull);
  switch (type_) {
    case DType::String: return out.set<int32_t>(i, int32_t(code - 2));
    case DType::Boolean: return out.set<uint8_t>(i, uint8_t(code - 2));
    case DType::Integer: return out.set_int(i, int64_t(bits_[code - 2]));
    case DType::Float: {
      double d;
      std::memcpy(&d, &bits_[code - 2], 8);
      return out.set<double>(i, d);
    }
    case DType::Date: return out.set<int32_t>(i, int32_t(int64_t(bits_[code - 2])));
    case DType::Datetime: return out.set<int64_t>(i, int64_t(bits_[code - 2]));
  }
}

void LevelValues::append_text(std::string& out, uint32_t code) const {
  if (code < 2) {
    out += "null";
    return;
  }
  char buf[64];
  switch (type_) {
    case DType::String: out += dict_->get(int32_t(code - 2)); return;
    case DType::Boolean: out += code == 3 ? "true" : "false"; return;
    case DType::Integer: out += std::to_string(int64_t(bits_[code - 2])); return;
    case DType::Float: {
      double d;
      std::memcpy(&d, &bits_[code - 2], 8);
      int n = snprintf(buf, sizeof buf, "%g", d);  // std::ostream's default, like the reference
      out.append(buf, size_t(n));
      return;
    }
    case DType::Date: append_date(out, int32_t(int64_t(bits_[code - 2]))); return;
    case DType::Datetime: append_datetime(out, int64_t(bits_[code - 2])); return;
  }
}

void sort_by_path(const GroupTree& tree, const std::vector<LevelValues>& values, size_t level,
                  std::vector<uint32_t>& nodes) {
  // Position of every node of levels 1..level in path order, level by level:
  // sort (parent position << 32 | value rank) keys, which compare as integers.
  std::vector<uint32_t> pos(1, 0);  // level 0: the root
  for (size_t k = 1; k <= level; ++k) {
    const uint32_t n = tree.size(k);
    std::vector<std::pair<uint64_t, uint32_t>> keyed(n);
    for (uint32_t x = 0; x < n; ++x)
      keyed[x] = {(uint64_t(pos[tree.parent(k, x)]) << 32) | values[k - 1].rank(tree.code(k, x)), x};
    std::sort(keyed.begin(), keyed.end());
    std::vector<uint32_t> next(n);
    for (uint32_t i = 0; i < n; ++i) next[keyed[i].second] = i;
    pos.swap(next);
  }
  // pos is a permutation of the level's nodes: place the wanted ones in O(n).
  std::vector<uint8_t> wanted(pos.size(), 0);
  for (uint32_t x : nodes) wanted[x] = 1;
  std::vector<uint32_t> by_pos(pos.size());
  for (uint32_t x = 0; x < pos.size(); ++x) by_pos[pos[x]] = x;
  nodes.clear();
  for (uint32_t x : by_pos)
    if (wanted[x]) nodes.push_back(x);
}

}  // namespace parallax
