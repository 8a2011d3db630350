// CSV tokenizer with the dialect Perspective gets from Arrow's CSV reader
// (delimiter ',', quote '"', doubled quotes, newlines allowed in quoted
// values, CR / LF / CRLF line ends, empty lines skipped):
//  * a quote only opens a quoted section at the start of a field; elsewhere it
//    is a literal character (`ab"cd`), and text after a closing quote is
//    appended (`"ab"cd` -> `abcd`);
//  * an unterminated quoted section runs to the end of the input.
// Plus the helpers to split the input into row-aligned chunks for parallel
// parsing. Internal to the loaders; a CsvCursor is used by one thread.
#pragma once
#include <emmintrin.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parallax::csv {

/// Reads rows from [begin, end) of a buffer.
class CsvCursor {
 public:
  CsvCursor(const char* begin, const char* end) : p_(begin), end_(end) {}

  /// The next non-empty row's fields; false at the end. Views point into the
  /// input or into this cursor's scratch space (valid until the next call).
  bool next(std::vector<std::string_view>& fields);
  /// The raw text of the row last returned (without its line end).
  std::string_view row_text() const { return {row_begin_, size_t(row_end_ - row_begin_)}; }
  const char* position() const { return p_; }

 private:
  const char* p_;
  const char* end_;
  const char* row_begin_ = nullptr;
  const char* row_end_ = nullptr;
  std::string scratch_;              // unescaped quoted fields of the current row
  std::vector<uint64_t> pending_;    // fields in scratch: (index << 32 | offset), length in lens_
  std::vector<uint32_t> lens_;
};

/// Rows of a quote-free range [begin, end): calls on_row(fields, nfields,
/// row_begin, row_end) for every non-empty row; `fields` holds the first
/// `capacity` fields (nfields may exceed it: a ragged row). on_row returns
/// false to stop. A structural-bitmask scan, several times faster than
/// CsvCursor; only valid when the range holds no '"'.
template <class OnRow>
void scan_plain_rows(const char* begin, const char* end, std::string_view* fields, size_t capacity, OnRow&& on_row);

/// Non-empty rows of [begin, end); `quotes`: the range may hold '"'.
size_t count_rows(const char* begin, const char* end, bool quotes);

/// Splits [begin, end) into at most `max_chunks` pieces that start at row
/// boundaries (quote-aware). Returns the chunk starts plus `end`;
/// `*any_quotes` tells whether the range holds a '"' at all.
std::vector<const char*> split_rows(const char* begin, const char* end, size_t max_chunks, bool* any_quotes);

// --- implementation of the template ---

/// Bit i set where p[i] is one of ',' '\n' '\r' (16 bytes).
inline uint32_t structural_mask16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return uint32_t(_mm_movemask_epi8(_mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
      _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')))));
}

template <class OnRow>
void scan_plain_rows(const char* begin, const char* end, std::string_view* fields, size_t capacity, OnRow&& on_row) {
  const char* row = begin;
  const char* field = begin;
  size_t nf = 0;
  auto emit = [&](const char* q, bool row_end) {
    if (row_end && q == row && nf == 0) {  // empty line (or the LF of a CRLF)
      row = field = q + 1;
      return true;
    }
    if (nf < capacity) fields[nf] = std::string_view(field, size_t(q - field));
    ++nf;
    field = q + 1;
    if (!row_end) return true;
    bool go = on_row(fields, nf, row, q);
    nf = 0;
    row = q + 1;
    return go;
  };
  const char* p = begin;
  for (; end - p >= 16; p += 16) {
    uint32_t m = structural_mask16(p);
    while (m) {
      const char* q = p + __builtin_ctz(m);
      m &= m - 1;
      if (!emit(q, *q != ',')) return;
    }
  }
  for (; p < end; ++p)
    if (*p == ',' || *p == '\n' || *p == '\r')
      if (!emit(p, *p != ',')) return;
  if (row < end || nf > 0) emit(end, true);
}

}  // namespace parallax::csv
