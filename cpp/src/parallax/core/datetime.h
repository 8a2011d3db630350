// Calendar conversions shared by loaders, writers, filters and expressions.
// All times are UTC; a date is days since 1970-01-01, a datetime ms since the
// epoch. Proleptic Gregorian calendar, valid for years -32767..32767.
#pragma once
#include <cstdint>
#include <string>

namespace parallax {

struct CivilDate {
  int32_t year;
  uint32_t month;  // 1..12
  uint32_t day;    // 1..31
};

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
int32_t days_from_civil(int32_t y, uint32_t m, uint32_t d);
CivilDate civil_from_days(int32_t days);
/// Floor division of ms into days (correct for negative times).
inline int32_t days_from_ms(int64_t ms) {
  int64_t d = ms / 86400000;
  if (ms % 86400000 < 0) --d;
  return int32_t(d);
}
bool valid_civil(int32_t y, uint32_t m, uint32_t d);

/// "YYYY-MM-DD" (years beyond 4 digits are printed in full, negative with '-').
void append_date(std::string& out, int32_t days);
/// "YYYY-MM-DD HH:MM:SS.mmm"
void append_datetime(std::string& out, int64_t ms);

}  // namespace parallax
