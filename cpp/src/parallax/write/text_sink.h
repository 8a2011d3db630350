// Output plumbing shared by the text writers.
//
// TextSink is an append cursor over a caller's std::string: reserve(n) makes n
// bytes writable at the cursor, commit(end) moves the cursor, finish() trims
// the string to what was written. The string is extended in 64 KiB steps
// (std::string doubles its capacity underneath), so a cell costs a compare and
// a formatter call, and each output byte is zero-filled at most once.
// Thread-safety: none; each thread writes its own sink (see write_chunked).
#pragma once
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "parallax/core/parallel.h"

namespace parallax::text {

class TextSink {
 public:
  explicit TextSink(std::string& out) : out_(out), pos_(out.size()) {}
  ~TextSink() { finish(); }
  TextSink(const TextSink&) = delete;
  TextSink& operator=(const TextSink&) = delete;

  /// At least n writable bytes at the returned cursor (valid until the next reserve).
  char* reserve(size_t n) {
    if (out_.size() - pos_ < n) grow(n);
    return out_.data() + pos_;
  }
  void commit(char* end) { pos_ = size_t(end - out_.data()); }
  void put(char c) {
    *reserve(1) = c;
    ++pos_;
  }
  void append(std::string_view s) {
    std::memcpy(reserve(s.size()), s.data(), s.size());
    pos_ += s.size();
  }
  /// Trims the string to the written bytes; the sink stays usable.
  void finish() { out_.resize(pos_); }

 private:
  static constexpr size_t kStep = 64 * 1024;
  void grow(size_t n) { out_.resize(pos_ + std::max(n, kStep)); }

  std::string& out_;
  size_t pos_;
};

/// Rows per chunk below which writing stays on the calling thread.
constexpr size_t kRowsPerChunk = 16384;

/// Calls fn(begin, end, std::string& part) over contiguous row chunks of
/// [0, n) — in parallel when n is large — and appends the parts to `out` in
/// row order. The first chunk writes straight into `out`.
template <class Fn>
void write_chunked(size_t n, std::string& out, Fn&& fn) {
  size_t chunks = parallel_chunks(n, kRowsPerChunk);
  if (chunks <= 1) {
    fn(size_t(0), n, out);
    return;
  }
  std::vector<std::string> parts(chunks);
  parallel_for(n, kRowsPerChunk, [&](size_t b, size_t e, int c) { fn(b, e, c == 0 ? out : parts[size_t(c)]); });
  size_t total = out.size();
  for (size_t c = 1; c < chunks; ++c) total += parts[c].size();
  out.reserve(total);
  for (size_t c = 1; c < chunks; ++c) {
    out += parts[c];
    std::string().swap(parts[c]);  // release each part as soon as it is copied
  }
}

}  // namespace parallax::text
