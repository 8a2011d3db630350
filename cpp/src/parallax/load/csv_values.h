// Cell parsers with the acceptance rules of Arrow's CSV converters as
// Perspective configures them (default null tokens, true/false sets, hex
// integers, Perspective's timestamp parser lists). Pure and thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace parallax::csv {

/// Arrow's default null_values ("", "NA", "null", "NaN", "#N/A", ...).
bool is_null_token(std::string_view s);
/// Arrow integer parsing: optional '-', decimal digits or an unsigned 0x hex
/// literal (its bit pattern), no '+'; false on overflow of the target width.
/// Callers trim spaces and tabs first (trim_blanks), as Arrow's numeric decoders do.
bool parse_int64(std::string_view s, int64_t* out);
bool parse_int32(std::string_view s, int32_t* out);
/// Arrow's true_values / false_values: 1 True TRUE true / 0 False FALSE false.
bool parse_bool(std::string_view s, uint8_t* out);
/// Arrow double parsing (optional sign incl. '+', decimals, exponent, inf/nan).
bool parse_double(std::string_view s, double* out);
/// s without leading and trailing spaces and tabs.
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
/// The fast path of parse_double alone: [-]digits[.digits], at most 15 digits.
bool parse_plain_decimal(std::string_view s, double* out);
/// Whether the text is valid UTF-8.
bool valid_utf8(std::string_view s);

}  // namespace parallax::csv
