// Calendar conversions shared by loaders, writers, filters and expressions.
// All times are UTC; a date is days since 1970-01-01, a datetime ms since the
// epoch. Proleptic Gregorian calendar. Every conversion here is total: any
// int32 day count and any int64 ms value has a civil date (years far beyond
// four digits near the limits), so writers never fault on imported data.
#pragma once
#include <climits>
#include <cstdint>
#include <string>

namespace parallax {

struct CivilDate {
  int32_t year;
  uint32_t month;  // 1..12
  uint32_t day;    // 1..31
};

/// A civil date of any int64 day count (the day of a datetime near the int64 limits).
struct CivilDate64 {
  int64_t year;
  uint32_t month;
  uint32_t day;
};

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
int32_t days_from_civil(int32_t y, uint32_t m, uint32_t d);
CivilDate civil_from_days(int32_t days);
CivilDate64 civil_from_days64(int64_t days);
/// Floor division of ms into days (correct for negative times). Datetime days
/// exceed int32 for |ms| > 1.8e17; narrow with saturate_days where needed.
inline int64_t days_from_ms(int64_t ms) {
  int64_t d = ms / 86400000;
  if (ms % 86400000 < 0) --d;
  return d;
}
/// Milliseconds since midnight of `ms` (0 .. 86399999), without overflow at the int64 limits.
inline int64_t ms_of_day(int64_t ms) {
  int64_t r = ms % 86400000;
  return r < 0 ? r + 86400000 : r;
}
/// A day count clamped to what a date (int32 days) can hold.
inline int32_t saturate_days(int64_t days) {
  return days > INT32_MAX ? INT32_MAX : days < INT32_MIN ? INT32_MIN : int32_t(days);
}
bool valid_civil(int32_t y, uint32_t m, uint32_t d);

/// "YYYY-MM-DD" (years beyond 4 digits are printed in full, negative with '-').
void append_date(std::string& out, int32_t days);
/// "YYYY-MM-DD HH:MM:SS.mmm"
void append_datetime(std::string& out, int64_t ms);

}  // namespace parallax
