// Date and datetime text parsing with Perspective 3.8's rules (semantics 1.6),
// shared by the loaders (inference and update coercion) and by filter terms.
//
// Perspective reads date/time strings through two families of parsers, and
// which family runs first depends on the caller; the functions below expose
// each family and the combinations Perspective uses:
//  * "loose" formats: the std::get_time list of Perspective's utils.cpp
//    (`%Y-%m-%dT%H:%M:%S`, `%m/%d/%Y %H:%M`, ..., `%Y %m %d`), including libc++'s
//    habit of accepting any input that ends right after a field ("2020-01-02"
//    matches `%Y-%m-%dT%H:%M:%S`) and the optional `.mmm`/`.uuuuuu` and `Z`
//    suffixes Perspective handles by hand.
//  * "Arrow" timestamp parsers: Arrow's ISO-8601 parser plus Perspective's
//    custom ISO / US AM-PM parsers and strptime formats (`%m-%d-%Y`,
//    `%m/%d/%Y`, `%d %m %Y`), offsets applied.
// All results are UTC (the reference build runs with TZ=UTC; see 1.6).
// Pure functions: thread-safe, no allocation.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace parallax {

/// A string in one of the loose formats. `midnight` is true when the hour,
/// minute and second fields are all zero (sub-second digits are ignored, as
/// Perspective does when it decides date vs datetime).
struct LooseDateTime {
  int64_t ms;        // ms since the epoch, fields normalised like mktime()
  int32_t days;      // days since the epoch of the y/m/d fields (normalised)
  bool midnight;
};
std::optional<LooseDateTime> parse_loose_datetime(std::string_view s);

enum class TsUnit : uint8_t { Second, Milli, Nano };
/// Perspective's Arrow timestamp parser list (DATE_PARSERS: ISO 8601 with
/// offsets, US formats, strptime formats) at Arrow time unit `unit`; the unit
/// changes what is accepted (no fractions at Second, up to 9 digits at Nano).
std::optional<int64_t> parse_arrow_timestamp(std::string_view s, TsUnit unit);
/// The same at millisecond unit (JSON values).
std::optional<int64_t> parse_arrow_timestamp_ms(std::string_view s);

/// A datetime value from text (JSON update coercion, filter terms): the Arrow
/// parsers first, then the loose formats. `has_time_part`, when given, is set
/// to false when the value falls on a UTC midnight.
std::optional<int64_t> parse_datetime_ms(std::string_view s, bool* has_time_part = nullptr);

/// A date value from text (JSON coercion into a date column, filter terms):
/// the loose formats only; a string with a UTC offset is not a date.
std::optional<int32_t> parse_date_days(std::string_view s);

/// JSON inference of a string that is neither boolean nor numeric: 0 = not a
/// date/time, 1 = date (loose format, midnight), 2 = datetime.
int infer_json_temporal(std::string_view s);

/// Strict `YYYY-MM-DD` (Arrow's date32 / date64 CSV parsing), validated.
std::optional<int32_t> parse_iso_date_days(std::string_view s);
/// Arrow's time32[s] CSV parsing: `hh:mm:ss` or `hh:mm`.
std::optional<int64_t> parse_iso_time_seconds(std::string_view s);

}  // namespace parallax
