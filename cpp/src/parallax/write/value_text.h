// The text of single cell values, byte-identical to the two formatters behind
// Perspective 3.8's outputs:
//  * json_*: rapidjson's Writer, which writes to_columns_string / to_json_string
//    / to_ndjson (floats by Grisu2 + rapidjson's "prettify" layout: 2.0, 1e21,
//    100000000000000000000.0, -2.5e-7);
//  * csv_*: Arrow 18's cast-to-string, which feeds its CSV writer (floats by
//    double-conversion's shortest mode with fixed notation for decimal
//    exponents in [-6, 10): 2, 1e+21, 1e+10, 0.000001, nan, -inf).
//
// Every function writes into caller memory with room for at least
// kMaxValueChars bytes and returns the end pointer: no allocation, no locale,
// no shared state, so any thread may call them.
#pragma once
#include <cstddef>
#include <cstdint>

namespace parallax::text {

/// Upper bound on the bytes any function below writes.
constexpr size_t kMaxValueChars = 40;

/// rapidjson Writer::Double of a finite double ("-0.0" for negative zero).
/// Callers write `null` for NaN and infinities, as Perspective does.
char* json_double(char* out, double v);
/// Arrow's float64 -> string cast (shortest round-trip digits).
char* csv_double(char* out, double v);
/// Decimal integer, '-' for negatives.
char* int_text(char* out, int64_t v);
/// "YYYY-MM-DD" of days since 1970-01-01 (years padded to 4 digits; negative
/// years as "-YYYY"), matching core's append_date.
char* date_text(char* out, int64_t days);
/// "YYYY-MM-DD HH:MM:SS.mmm" (UTC) of ms since the epoch, matching append_datetime.
char* datetime_text(char* out, int64_t ms);

}  // namespace parallax::text
