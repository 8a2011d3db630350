#include "parallax/load/datetime_parse.h"

#include "parallax/core/datetime.h"

namespace parallax {

namespace {

constexpr int64_t kMsPerDay = 86400000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
char upper(char c) { return c >= 'a' && c <= 'z' ? char(c - 32) : c; }

/// Days since the epoch of y-m-d where d may be 0 or past the month's end
/// (mktime-style normalisation).
int64_t days_of(int32_t y, int m, int d) { return int64_t(days_from_civil(y, uint32_t(m), 1)) + (d - 1); }

/// Reads exactly n digits at p (no sign); false if any is not a digit.
bool fixed_digits(const char* p, int n, int* out) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (!is_digit(p[i])) return false;
    v = v * 10 + (p[i] - '0');
  }
  *out = v;
  return true;
}

// ---------------------------------------------------------------------------
// Loose formats: an emulation of libc++'s std::get_time as Perspective calls it.

struct Tm {
  int year = 1900, mon = 0, mday = 0, hour = 0, min = 0, sec = 0;  // a zeroed std::tm
};

enum : int { kGood = 0, kEof = 1, kFail = 2 };

/// libc++ __get_up_to_n_digits.
int get_digits(const char*& b, const char* e, int& err, int n) {
  if (b == e) {
    err |= kEof | kFail;
    return 0;
  }
  if (!is_digit(*b)) {
    err |= kFail;
    return 0;
  }
  int r = *b++ - '0';
  for (--n; b != e && n > 0; ++b, --n) {
    if (!is_digit(*b)) return r;
    r = r * 10 + (*b - '0');
  }
  if (b == e) err |= kEof;
  return r;
}

/// libc++ time_get::get over [b, e) with the conversions Perspective's formats use.
int get_time(const char*& b, const char* e, const char* fmt, Tm& tm) {
  int err = kGood;
  while (*fmt && err == kGood) {
    if (b == e) {
      err = kFail;
      break;
    }
    if (*fmt == '%') {
      char cmd = fmt[1];
      fmt += 2;
      int v;
      switch (cmd) {
        case 'Y': v = get_digits(b, e, err, 4); if (!(err & kFail)) tm.year = v; break;
        case 'm': v = get_digits(b, e, err, 2); if (!(err & kFail) && v >= 1 && v <= 12) tm.mon = v - 1; else err |= kFail; break;
        case 'd': v = get_digits(b, e, err, 2); if (!(err & kFail) && v >= 1 && v <= 31) tm.mday = v; else err |= kFail; break;
        case 'H': v = get_digits(b, e, err, 2); if (!(err & kFail) && v < 24) tm.hour = v; else err |= kFail; break;
        case 'M': v = get_digits(b, e, err, 2); if (!(err & kFail) && v < 60) tm.min = v; else err |= kFail; break;
        case 'S': v = get_digits(b, e, err, 2); if (!(err & kFail) && v <= 60) tm.sec = v; else err |= kFail; break;
        default: err |= kFail;
      }
    } else if (is_space(*fmt)) {
      while (*fmt && is_space(*fmt)) ++fmt;
      while (b != e && is_space(*b)) ++b;
    } else if (upper(*b) == upper(*fmt)) {
      ++b;
      ++fmt;
    } else {
      err = kFail;
    }
  }
  if (b == e) err |= kEof;
  return err;
}

const char* const kLooseFormats[] = {
    "%Y-%m-%dT%H:%M:%S", "%m-%d-%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%dT%H:%M:%S",
    "%Y/%m/%d %H:%M:%S", "%m-%d-%Y %H:%M",    "%m/%d/%Y %H:%M",    "%Y-%m-%d %H:%M",    "%Y/%m/%d %H:%M",
    "%m-%d-%Y %H",       "%m/%d/%Y %H",       "%Y-%m-%d %H",       "%Y/%m/%d %H",       "%m-%d-%Y",
    "%m/%d/%Y",          "%Y-%m-%d",          "%Y/%m/%d",          "%Y %m %d",
};

/// One attempt of Perspective's try_format lambda (utils.cpp): get_time, then
/// an optional ".mmm" / ".uuuuuu" (other lengths parse but are dropped), an
/// optional 'Z', then end of input.
bool try_loose(std::string_view s, const char* fmt, Tm& tm, int64_t* sub_us) {
  tm = Tm{};
  *sub_us = 0;
  const char* b = s.data();
  const char* e = b + s.size();
  while (b != e && is_space(*b)) ++b;  // the istream sentry skips leading whitespace
  if (b == e) return false;
  int err = get_time(b, e, fmt, tm);
  if (err & kFail) return false;
  bool eof = err & kEof;
  if (!eof && *b == '.') {
    ++b;
    size_t len = size_t(e - b);
    // `ss >> int32`: whitespace, sign, decimal digits; no digits or overflow fail.
    while (b != e && is_space(*b)) ++b;
    bool neg = false;
    if (b != e && (*b == '+' || *b == '-')) neg = *b++ == '-';
    if (b == e || !is_digit(*b)) return false;
    int64_t v = 0;
    while (b != e && is_digit(*b)) {
      v = v * 10 + (*b++ - '0');
      if (v > int64_t(INT32_MAX) + 1) return false;
    }
    if (neg) v = -v;
    if (v > INT32_MAX || v < INT32_MIN) return false;
    if (len == 6) *sub_us = v;
    else if (len == 3) *sub_us = v * 1000;
    eof = b == e;
  }
  if (!eof && *b == 'Z') eof = ++b == e;
  return eof || b == e;
}

// ---------------------------------------------------------------------------
// Arrow timestamp parsers (arrow/util/value_parsing.h and Perspective's
// arrow_csv.cpp). Results are in the requested unit, as Arrow computes them.

int64_t unit_per_sec(TsUnit u) { return u == TsUnit::Second ? 1 : u == TsUnit::Milli ? 1000 : 1000000000; }
/// secs * per + extra with two's-complement wrap-around, as Arrow's unchecked
/// CastSecondsToUnit behaves (nanoseconds overflow past the year 2262).
int64_t scale(int64_t secs, int64_t per, int64_t extra = 0) {
  return int64_t(uint64_t(secs) * uint64_t(per) + uint64_t(extra));
}
int unit_digits(TsUnit u) { return u == TsUnit::Second ? 0 : u == TsUnit::Milli ? 3 : 9; }
/// (seconds, ms) -> unit, as Perspective's ConvertTimePoint (ms resolution inputs).
int64_t from_sec_ms(int64_t secs, int64_t ms, TsUnit u) {
  switch (u) {
    case TsUnit::Second: {
      int64_t t = secs * 1000 + ms;  // duration_cast<seconds> truncates toward zero
      return t / 1000;
    }
    case TsUnit::Milli: return secs * 1000 + ms;
    case TsUnit::Nano: return scale(secs * 1000 + ms, 1000000);
  }
  return 0;
}

bool arrow_ymd(const char* s, int32_t* days) {
  int y, m, d;
  if (s[4] != '-' || s[7] != '-') return false;
  if (!fixed_digits(s, 4, &y) || !fixed_digits(s + 5, 2, &m) || !fixed_digits(s + 8, 2, &d)) return false;
  if (!valid_civil(y, uint32_t(m), uint32_t(d))) return false;
  *days = days_from_civil(y, uint32_t(m), uint32_t(d));
  return true;
}
bool arrow_hh(const char* s, int64_t* secs) {
  int h;
  if (!fixed_digits(s, 2, &h) || h >= 24) return false;
  *secs = h * 3600;
  return true;
}
bool arrow_hhmm(const char* s, bool colon, int64_t* secs) {
  int h, m;
  if (colon && s[2] != ':') return false;
  if (!fixed_digits(s, 2, &h) || !fixed_digits(s + (colon ? 3 : 2), 2, &m) || h >= 24 || m >= 60) return false;
  *secs = h * 3600 + m * 60;
  return true;
}
bool arrow_hh_mm_ss(const char* s, int64_t* secs) {
  int h, m, sec;
  if (s[2] != ':' || s[5] != ':') return false;
  if (!fixed_digits(s, 2, &h) || !fixed_digits(s + 3, 2, &m) || !fixed_digits(s + 6, 2, &sec)) return false;
  if (h >= 24 || m >= 60 || sec >= 60) return false;
  *secs = h * 3600 + m * 60 + sec;
  return true;
}

/// arrow::internal::ParseTimestampISO8601 with unit MILLI.
bool arrow_iso8601(const char* s, size_t length, TsUnit unit, int64_t* out) {
  if (length < 10) return false;
  int32_t days;
  if (!arrow_ymd(s, &days)) return false;
  int64_t secs = int64_t(days) * 86400;
  const int64_t per = unit_per_sec(unit);
  if (length == 10) {
    *out = scale(secs, per);
    return true;
  }
  if (s[10] != ' ' && s[10] != 'T') return false;
  int64_t zone = 0;
  if (s[length - 1] == 'Z') {
    --length;
  } else if (s[length - 3] == '+' || s[length - 3] == '-') {
    length -= 3;
    if (!arrow_hh(s + length + 1, &zone)) return false;
    if (s[length] == '+') zone = -zone;
  } else if (s[length - 5] == '+' || s[length - 5] == '-') {
    length -= 5;
    if (!arrow_hhmm(s + length + 1, false, &zone)) return false;
    if (s[length] == '+') zone = -zone;
  } else if ((s[length - 6] == '+' || s[length - 6] == '-') && s[length - 3] == ':') {
    length -= 6;
    if (!arrow_hhmm(s + length + 1, true, &zone)) return false;
    if (s[length] == '+') zone = -zone;
  }
  int64_t tod;
  switch (length) {
    case 13: if (!arrow_hh(s + 11, &tod)) return false; break;
    case 16: if (!arrow_hhmm(s + 11, true, &tod)) return false; break;
    case 19: case 21: case 22: case 23: case 24: case 25: case 26: case 27: case 28: case 29:
      if (!arrow_hh_mm_ss(s + 11, &tod)) return false;
      break;
    default: return false;
  }
  secs += tod + zone;
  if (length <= 19) {
    *out = scale(secs, per);
    return true;
  }
  if (s[19] != '.') return false;
  int n = int(length - 20);
  if (n > unit_digits(unit)) return false;  // finer than the unit: rejected
  int frac = 0;
  if (!fixed_digits(s + 20, n, &frac)) return false;
  for (int i = n; i < unit_digits(unit); ++i) frac *= 10;
  *out = scale(secs, per, frac);
  return true;
}

/// Perspective's ParseSSS / ParseSSSSSS / ParseSSSSSSSSS (note the `>= 99..9` rejection).
bool custom_fraction(const char* s, int digits, int64_t* ms) {
  int v;
  if (s[0] != '.' || !fixed_digits(s + 1, digits, &v)) return false;
  int64_t limit = digits == 3 ? 999 : digits == 6 ? 999999 : 999999999;
  if (v >= limit) return false;
  *ms = digits == 3 ? v : digits == 6 ? v / 1000 : v / 1000000;
  return true;
}
bool custom_tz(const char* s, int64_t* secs) {
  int h, m;
  if ((s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
  if (!fixed_digits(s + 1, 2, &h) || !fixed_digits(s + 4, 2, &m) || h >= 12 || m >= 59) return false;
  *secs = (h * 60 + m) * 60 * (s[0] == '+' ? -1 : 1);
  return true;
}

/// Perspective's CustomISO8601Parser: Arrow's ISO parser, then fixed layouts
/// with 3/6/9 fractional digits and optional +hh:mm.
bool custom_iso8601(const char* s, size_t length, TsUnit unit, int64_t* out) {
  // "if we are trying to parse this with seconds, fail" (arrow_csv.cpp)
  if (unit == TsUnit::Second) return false;
  if (arrow_iso8601(s, length, unit, out)) return true;
  if (length && s[length - 1] == 'Z') --length;
  int fd = 0, tz_at = -1;
  switch (length) {
    case 23: fd = 3; break;
    case 25: tz_at = 19; break;
    case 26: fd = 6; break;
    case 29: fd = 9; break;
    case 32: fd = 6; tz_at = 26; break;
    case 35: fd = 9; tz_at = 29; break;
    default: return false;
  }
  int32_t days;
  int64_t tod, ms = 0, tz = 0;
  if (!arrow_ymd(s, &days) || !arrow_hh_mm_ss(s + 11, &tod)) return false;
  if (fd && !custom_fraction(s + 19, fd, &ms)) return false;
  if (tz_at >= 0 && !custom_tz(s + tz_at, &tz)) return false;
  *out = from_sec_ms(int64_t(days) * 86400 + tod + tz, ms, unit);
  return true;
}

/// Perspective's USTimestampParser: "MM/DD/YYYY, hh:mm:ss AM" and "M/D/YYYY, hh:mm:ss PM".
bool us_timestamp(const char* s, size_t length, TsUnit unit, int64_t* out) {
  if (arrow_iso8601(s, length, unit, out)) return true;
  int y, m, d, hour_at, ampm_at, time_at;
  if (length == 23) {
    if (s[2] != '/' || s[5] != '/') return false;
    if (!fixed_digits(s + 6, 4, &y) || !fixed_digits(s, 2, &m) || !fixed_digits(s + 3, 2, &d)) return false;
    time_at = hour_at = 12;
    ampm_at = 21;
  } else if (length == 21) {
    if (s[1] != '/' || s[3] != '/') return false;
    if (!fixed_digits(s + 4, 4, &y) || !fixed_digits(s, 1, &m) || !fixed_digits(s + 2, 1, &d)) return false;
    time_at = hour_at = 10;
    ampm_at = 19;
  } else {
    return false;
  }
  if (!valid_civil(y, uint32_t(m), uint32_t(d))) return false;
  int64_t tod;
  if (!arrow_hh_mm_ss(s + time_at, &tod)) return false;
  // atoi of the two hour characters
  int hour = 0;
  for (int i = hour_at; i < hour_at + 2 && is_digit(s[i]); ++i) hour = hour * 10 + (s[i] - '0');
  if (hour == 0) return false;
  std::string_view ap(s + ampm_at, 2);
  if ((ap == "PM" || ap == "pm") && hour < 12) tod += 12 * 3600;
  else if ((ap == "AM" || ap == "am") && hour == 12) tod -= 12 * 3600;
  *out = from_sec_ms(int64_t(days_from_civil(y, uint32_t(m), uint32_t(d))) * 86400 + tod, 0, unit);
  return true;
}

/// musl strptime (as Emscripten's libc runs it) for the conversions used by
/// Perspective's strptime formats; the whole input must be consumed.
bool musl_strptime(std::string_view in, const char* f, TsUnit unit, int64_t* out) {
  const char* s = in.data();
  const char* e = s + in.size();
  int year = 0, mon = 0, mday = 0, hour = 0, min = 0, sec = 0;  // tm zeroed: year 1900 + 0
  bool year_set = false;
  auto range = [&](int* dest, int lo, int span, int adj) {
    if (s == e || !is_digit(*s)) return false;
    int v = 0;
    for (int i = 1; i <= lo + span && s != e && is_digit(*s); i *= 10) v = v * 10 + (*s++ - '0');
    if (unsigned(v - lo) >= unsigned(span)) return false;
    *dest = v - adj;
    return true;
  };
  while (*f) {
    if (*f != '%') {
      if (is_space(*f)) {
        while (s != e && is_space(*s)) ++s;
      } else if (s == e || *s != *f) {
        return false;
      } else {
        ++s;
      }
      ++f;
      continue;
    }
    char c = f[1];
    f += 2;
    switch (c) {
      case 'd': if (!range(&mday, 1, 31, 0)) return false; break;
      case 'm': if (!range(&mon, 1, 12, 1)) return false; break;
      case 'H': if (!range(&hour, 0, 24, 0)) return false; break;
      case 'I': if (!range(&hour, 1, 12, 0)) return false; break;
      case 'M': if (!range(&min, 0, 60, 0)) return false; break;
      case 'S': if (!range(&sec, 0, 61, 0)) return false; break;
      case 'Y': {
        bool neg = false;
        if (s != e && *s == '+') ++s;
        else if (s != e && *s == '-') neg = true, ++s;
        if (s == e || !is_digit(*s)) return false;
        int v = 0;
        for (int i = 0; i < 4 && s != e && is_digit(*s); ++i) v = v * 10 + (*s++ - '0');
        year = neg ? -v : v;
        year_set = true;
        break;
      }
      case 'p': {
        if (e - s < 2) return false;
        char a = upper(s[0]), b = upper(s[1]);
        if (a == 'A' && b == 'M') { if (hour == 12) hour = 0; }
        else if (a == 'P' && b == 'M') { if (hour != 12) hour += 12; }
        else return false;
        s += 2;
        break;
      }
      default: return false;
    }
  }
  if (s != e) return false;
  if (!year_set) year = 1900;
  int64_t days = days_of(year, mon + 1, mday < 1 ? 1 : mday);
  *out = scale(days * 86400 + hour * 3600 + min * 60 + sec, unit_per_sec(unit));
  return true;
}

}  // namespace

std::optional<LooseDateTime> parse_loose_datetime(std::string_view s) {
  Tm tm;
  int64_t sub_us;
  for (const char* fmt : kLooseFormats) {
    if (!try_loose(s, fmt, tm, &sub_us)) continue;
    int64_t days = days_of(tm.year, tm.mon + 1, tm.mday);
    int64_t secs = days * 86400 + tm.hour * 3600 + tm.min * 60 + tm.sec;
    // duration_cast<milliseconds> truncates toward zero.
    int64_t ms = (secs * 1000000 + sub_us) / 1000;
    return LooseDateTime{ms, int32_t(days), tm.hour == 0 && tm.min == 0 && tm.sec == 0};
  }
  return std::nullopt;
}

std::optional<int64_t> parse_arrow_timestamp(std::string_view s, TsUnit unit) {
  if (s.empty()) return std::nullopt;
  int64_t out;
  // Perspective's DATE_PARSERS, in order.
  if (custom_iso8601(s.data(), s.size(), unit, &out)) return out;
  if (us_timestamp(s.data(), s.size(), unit, &out)) return out;
  for (const char* fmt : {"%m/%d/%Y, %I:%M:%S %p", "%m-%d-%Y", "%m/%d/%Y", "%d %m %Y"})
    if (musl_strptime(s, fmt, unit, &out)) return out;
  return std::nullopt;
}

std::optional<int64_t> parse_arrow_timestamp_ms(std::string_view s) { return parse_arrow_timestamp(s, TsUnit::Milli); }

std::optional<int64_t> parse_datetime_ms(std::string_view s, bool* has_time_part) {
  std::optional<int64_t> ms = parse_arrow_timestamp_ms(s);
  if (!ms) {
    if (auto l = parse_loose_datetime(s)) ms = l->ms;
  }
  if (ms && has_time_part) *has_time_part = (*ms % kMsPerDay) != 0;
  return ms;
}

std::optional<int32_t> parse_date_days(std::string_view s) {
  if (auto l = parse_loose_datetime(s)) return l->days;
  return std::nullopt;
}

int infer_json_temporal(std::string_view s) {
  if (auto l = parse_loose_datetime(s)) return l->midnight ? 1 : 2;
  if (parse_arrow_timestamp_ms(s)) return 2;
  return 0;
}

std::optional<int32_t> parse_iso_date_days(std::string_view s) {
  int32_t days;
  if (s.size() != 10 || !arrow_ymd(s.data(), &days)) return std::nullopt;
  return days;
}

std::optional<int64_t> parse_iso_time_seconds(std::string_view s) {
  int64_t secs;
  if (s.size() == 8 && arrow_hh_mm_ss(s.data(), &secs)) return secs;
  if (s.size() == 5 && arrow_hhmm(s.data(), true, &secs)) return secs;
  return std::nullopt;
}

}  // namespace parallax
