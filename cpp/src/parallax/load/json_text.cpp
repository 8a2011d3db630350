#include "parallax/load/json_text.h"

#include <cstring>

#include "parallax/core/json_util.h"

namespace parallax {

namespace {

/// True when the digit run [b, e) (no sign) is beyond what simdjson accepts.
bool too_big(const char* b, const char* e, bool negative) {
  static const char kU64Max[] = "18446744073709551615";
  static const char kI64MinAbs[] = "9223372036854775808";
  const char* lim = negative ? kI64MinAbs : kU64Max;
  size_t n = size_t(e - b), ln = std::strlen(lim);
  if (n != ln) return n > ln;
  return std::memcmp(b, lim, n) > 0;
}

}  // namespace

std::optional<std::string> widen_big_integers(std::string_view json) {
  std::optional<std::string> out;
  size_t copied = 0;  // json[0, copied) is already in *out
  const char* s = json.data();
  const size_t n = json.size();
  for (size_t i = 0; i < n;) {
    char c = s[i];
    if (c == '"') {  // skip a string literal
      for (++i; i < n && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;
      ++i;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      ++i;
      continue;
    }
    bool neg = c == '-';
    if (neg) ++i;
    size_t digits = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    bool integral = i >= n || (s[i] != '.' && s[i] != 'e' && s[i] != 'E');
    if (integral && i > digits && too_big(s + digits, s + i, neg)) {
      if (!out) out.emplace().reserve(n + 16);
      out->append(s + copied, i - copied);
      out->append(".0");
      copied = i;
    }
    while (i < n && (s[i] == '.' || s[i] == 'e' || s[i] == 'E' || s[i] == '+' || s[i] == '-' ||
                     (s[i] >= '0' && s[i] <= '9')))
      ++i;
  }
  if (out) out->append(s + copied, n - copied);
  return out;
}

simdjson::dom::element parse_json_text(simdjson::dom::parser& parser, std::string_view json, const char* what) {
  auto r = parser.parse(json.data(), json.size(), true);
  if (r.error() == simdjson::NUMBER_ERROR) {
    if (auto wide = widen_big_integers(json)) return parse_json_document(parser, *wide, what);
  }
  return parse_json_document(parser, json, what);
}

}  // namespace parallax
