#include "parallax/core/datetime.h"

#include <cstdio>

namespace parallax {

int32_t days_from_civil(int32_t y, uint32_t m, uint32_t d) {
  y -= m <= 2;
  const int32_t era = (y >= 0 ? y : y - 399) / 400;
  const uint32_t yoe = uint32_t(y - era * 400);
  const uint32_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int32_t(doe) - 719468;
}

CivilDate64 civil_from_days64(int64_t z) {
  // In int64 throughout: |days| of an int64 ms is below 1.1e14, far from overflow here.
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const uint32_t doe = uint32_t(z - era * 146097);
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = int64_t(yoe) + era * 400;
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  const uint32_t d = doy - (153 * mp + 2) / 5 + 1;
  const uint32_t m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

CivilDate civil_from_days(int32_t z) {
  CivilDate64 c = civil_from_days64(z);  // int32 days: |year| < 5.9 million
  return {int32_t(c.year), c.month, c.day};
}

bool valid_civil(int32_t y, uint32_t m, uint32_t d) {
  static const uint8_t mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  uint32_t lim = mdays[m - 1] + (m == 2 && leap);
  return d <= lim;
}

namespace {

void append_civil(std::string& out, int64_t days) {
  CivilDate64 c = civil_from_days64(days);
  char buf[40];
  int n = c.year >= 0 ? snprintf(buf, sizeof buf, "%04lld-%02u-%02u", (long long)c.year, c.month, c.day)
                      : snprintf(buf, sizeof buf, "-%04lld-%02u-%02u", -(long long)c.year, c.month, c.day);
  out.append(buf, size_t(n));
}

}  // namespace

void append_date(std::string& out, int32_t days) { append_civil(out, days); }

void append_datetime(std::string& out, int64_t ms) {
  int64_t days = days_from_ms(ms);
  int64_t rem = ms_of_day(ms);
  append_civil(out, days);
  char buf[32];
  int n = snprintf(buf, sizeof buf, " %02d:%02d:%02d.%03d", int(rem / 3600000), int(rem / 60000 % 60),
                   int(rem / 1000 % 60), int(rem % 1000));
  out.append(buf, size_t(n));
}

}  // namespace parallax
