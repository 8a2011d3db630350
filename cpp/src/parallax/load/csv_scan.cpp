#include "parallax/load/csv_scan.h"

#include <emmintrin.h>

#include <cstring>

namespace parallax::csv {

namespace {

/// First ',', '\n' or '\r' in [p, end), or end.
inline const char* scan_unquoted(const char* p, const char* end) {
  const __m128i comma = _mm_set1_epi8(','), nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    int m = _mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, nl)), _mm_cmpeq_epi8(v, cr)));
    if (m) return p + __builtin_ctz(unsigned(m));
    p += 16;
  }
  while (p < end && *p != ',' && *p != '\n' && *p != '\r') ++p;
  return p;
}

/// First '\n' or '\r' in [p, end), or end.
inline const char* scan_line_end(const char* p, const char* end) {
  const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)));
    if (m) return p + __builtin_ctz(unsigned(m));
    p += 16;
  }
  while (p < end && *p != '\n' && *p != '\r') ++p;
  return p;
}

}  // namespace

size_t count_rows(const char* begin, const char* end, bool quotes) {
  if (quotes) {
    CsvCursor cur(begin, end);
    std::vector<std::string_view> f;
    size_t n = 0;
    while (cur.next(f)) ++n;
    return n;
  }
  // Count line starts of non-empty lines: a non-terminator whose predecessor
  // is a terminator (or the range start).
  const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  size_t n = 0;
  uint32_t prev_term = 1;  // "before begin" counts as a line end
  const char* p = begin;
  for (; end - p >= 16; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    uint32_t t = uint32_t(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr))));
    uint32_t after_term = ((t << 1) | prev_term) & 0xFFFF;
    n += size_t(__builtin_popcount(after_term & ~t & 0xFFFF));
    prev_term = t >> 15;
  }
  for (; p < end; ++p) {
    uint32_t t = *p == '\n' || *p == '\r';
    if (!t && prev_term) ++n;
    prev_term = t;
  }
  return n;
}

bool CsvCursor::next(std::vector<std::string_view>& fields) {
  fields.clear();
  scratch_.clear();
  pending_.clear();
  lens_.clear();
  while (p_ < end_ && (*p_ == '\n' || *p_ == '\r')) ++p_;  // empty lines are skipped
  if (p_ >= end_) return false;
  row_begin_ = p_;

  // Fields built in scratch_ are placed once the row is complete (scratch_ may move).
  auto finish = [&] {
    for (size_t i = 0; i < pending_.size(); ++i)
      fields[pending_[i] >> 32] = std::string_view(scratch_.data() + uint32_t(pending_[i]), lens_[i]);
  };
  auto to_scratch = [&](size_t off) {
    pending_.push_back(uint64_t(fields.size()) << 32 | off);
    lens_.push_back(uint32_t(scratch_.size() - off));
    fields.emplace_back();
  };

  for (;;) {
    if (p_ < end_ && *p_ == '"') {
      const char* seg = ++p_;
      bool in_scratch = false;
      size_t off = scratch_.size();
      for (;;) {
        const char* q = static_cast<const char*>(std::memchr(p_, '"', size_t(end_ - p_)));
        if (!q) {  // unterminated: the value runs to the end of the input
          if (in_scratch) {
            scratch_.append(seg, size_t(end_ - seg));
            to_scratch(off);
          } else {
            fields.emplace_back(seg, size_t(end_ - seg));
          }
          p_ = end_;
          break;
        }
        if (q + 1 < end_ && q[1] == '"') {  // doubled quote: one literal quote
          scratch_.append(seg, size_t(q + 1 - seg));
          in_scratch = true;
          seg = p_ = q + 2;
          continue;
        }
        // Closing quote; anything up to the delimiter is appended unquoted.
        p_ = q + 1;
        const char* e = scan_unquoted(p_, end_);
        if (e == p_ && !in_scratch) {
          fields.emplace_back(seg, size_t(q - seg));
        } else {
          scratch_.append(seg, size_t(q - seg));
          scratch_.append(p_, size_t(e - p_));
          to_scratch(off);
        }
        p_ = e;
        break;
      }
    } else {
      const char* e = scan_unquoted(p_, end_);
      fields.emplace_back(p_, size_t(e - p_));
      p_ = e;
    }
    if (p_ >= end_) {
      row_end_ = end_;
      finish();
      return true;
    }
    if (*p_ == ',') {
      ++p_;
      continue;
    }
    row_end_ = p_;
    if (*p_ == '\r' && p_ + 1 < end_ && p_[1] == '\n') ++p_;
    ++p_;
    finish();
    return true;
  }
}

std::vector<const char*> split_rows(const char* begin, const char* end, size_t max_chunks, bool* any_quotes) {
  std::vector<const char*> starts{begin};
  const size_t len = size_t(end - begin);
  *any_quotes = len > 0 && std::memchr(begin, '"', len) != nullptr;
  if (max_chunks > 1 && len > 0) {
    if (!*any_quotes) {
      // No quotes: every line end is a row end.
      for (size_t k = 1; k < max_chunks; ++k) {
        const char* t = begin + len * k / max_chunks;
        if (t <= starts.back()) continue;
        const char* e = scan_line_end(t, end);
        if (e >= end) break;
        if (*e == '\r' && e + 1 < end && e[1] == '\n') ++e;
        starts.push_back(e + 1);
      }
    } else {
      // Quoted values may hold line ends: walk the rows.
      CsvCursor cur(begin, end);
      std::vector<std::string_view> fields;
      size_t k = 1;
      while (k < max_chunks && cur.next(fields)) {
        const char* pos = cur.position();
        if (pos >= end) break;
        if (pos >= begin + len * k / max_chunks) {
          starts.push_back(pos);
          while (k < max_chunks && pos >= begin + len * k / max_chunks) ++k;
        }
      }
    }
  }
  if (starts.back() != end) starts.push_back(end);
  if (starts.size() == 1) starts.push_back(end);
  return starts;
}

}  // namespace parallax::csv
