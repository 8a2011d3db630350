// Date and time functions: bucket, hour_of_day, day_of_week, month_of_year,
// date, datetime, today, now. Calendar arithmetic is UTC (the reference uses
// the process's local time zone; its servers and this engine run in UTC).
#include <cmath>
#include <cstring>

#include "parallax/core/datetime.h"
#include "parallax/expr/compiler.h"
#include "parallax/expr/kernels.h"

namespace parallax::expr {
namespace {


int32_t days_of(VT t, const void* vals, size_t i) {
  return t == VT::Date ? static_cast<const int32_t*>(vals)[i] : days_from_ms(static_cast<const int64_t*>(vals)[i]);
}

void hour_kernel(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = s[i] == kValid;
    o[i] = 0;
    if (ok && I.tin[0] == VT::Time) {
      int64_t ms = F.v<int64_t>(I.in[0])[i];
      int64_t in_day = ms_of_day(ms);
      o[i] = double(in_day / 3600000);
    }
    os[i] = ok ? kValid : kInvalid;
  }
}

const char* const kWeekdays[7] = {"1 Sunday", "2 Monday", "3 Tuesday", "4 Wednesday", "5 Thursday", "6 Friday", "7 Saturday"};
const char* const kMonths[12] = {"01 January", "02 February", "03 March",     "04 April",   "05 May",      "06 June",
                                 "07 July",    "08 August",   "09 September", "10 October", "11 November", "12 December"};

// ival: 0 day_of_week, 1 month_of_year
void datepart_kernel(const Instr& I, Frame& F) {
  auto* o = F.v<std::string_view>(I.out);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    if (s[i] != kValid) {
      o[i] = {};
      os[i] = kInvalid;
      continue;
    }
    int32_t d = days_of(I.tin[0], F.vals[size_t(I.in[0])], i);
    if (I.ival == 0) {
      int wd = int(((int64_t(d) % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
      o[i] = kWeekdays[wd];
    } else {
      o[i] = kMonths[civil_from_days(d).month - 1];
    }
    os[i] = kValid;
  }
}

void bucket_num_kernel(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  const double* a = F.v<double>(I.in[0]);
  const double* u = F.v<double>(I.in[1]);
  const uint8_t* as = F.s(I.in[0]);
  const uint8_t* us = F.s(I.in[1]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = as[i] == kValid && us[i] == kValid;
    o[i] = ok ? std::floor(a[i] / u[i]) * u[i] : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

enum Unit : int64_t { kSec, kMin, kHour, kDay, kWeek, kMonth, kYear };

// Date/datetime buckets. ival = unit, num = multiplicity; out is Time (s/m/h
// of a datetime) or Date.
void bucket_time_kernel(const Instr& I, Frame& F) {
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  VT tin = I.tin[0];
  int64_t mult = int64_t(I.num);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = s[i] == kValid;
    os[i] = ok ? kValid : kInvalid;
    if (I.tout == VT::Time) {
      int64_t& out = F.v<int64_t>(I.out)[i];
      out = 0;
      if (!ok) continue;
      int64_t ms = F.v<int64_t>(I.in[0])[i];
      int64_t unit_ms = I.ival == kSec ? 1000 : I.ival == kMin ? 60000 : 3600000;
      int64_t raw = ms / unit_ms;  // truncates toward zero, as a duration cast
      int64_t b = int64_t(std::floor(double(raw) / double(mult))) * mult;
      out = b * unit_ms;
      continue;
    }
    int32_t& out = F.v<int32_t>(I.out)[i];
    out = 0;
    if (!ok) continue;
    int32_t d = days_of(tin, F.vals[size_t(I.in[0])], i);
    switch (I.ival) {
      case kSec:
      case kMin:
      case kHour:
      case kDay: out = d; break;  // s/m/h of a date give the date itself
      case kWeek: out = d - int32_t(((int64_t(d) % 7) + 7 + 3) % 7); break;  // back to Monday
      case kMonth: {
        CivilDate c = civil_from_days(d);
        int64_t m0 = int64_t(std::floor(double(c.month - 1) / double(mult))) * mult;
        out = days_from_civil(c.year, uint32_t(m0 + 1), 1);
      } break;
      default: {
        CivilDate c = civil_from_days(d);
        int64_t y = int64_t(std::floor(double(c.year) / double(mult))) * mult;
        out = days_from_civil(int32_t(y), 1, 1);
      } break;
    }
  }
}

void make_date_kernel(const Instr& I, Frame& F) {
  int32_t* o = F.v<int32_t>(I.out);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    bool ok = true;
    int32_t v[3];
    for (int k = 0; k < 3; ++k) {
      ok = ok && F.s(I.in[size_t(k)])[i] == kValid;
      double x = F.v<double>(I.in[size_t(k)])[i];
      v[k] = ok && std::isfinite(x) && std::fabs(x) < 2147483648.0 ? int32_t(x) : 0;
    }
    ok = ok && !(v[0] < 0 || v[1] <= 0 || v[1] > 12 || v[2] <= 0 || v[2] > 31);
    o[i] = ok ? days_from_civil(v[0], uint32_t(v[1]), uint32_t(v[2])) : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

void now_kernel(const Instr& I, Frame& F) {
  int64_t now = F.ctx->now_ms;
  if (I.tout == VT::Time) {
    int64_t* o = F.v<int64_t>(I.out);
    for (size_t i = 0; i < F.n; ++i) o[i] = now;
  } else {
    int32_t* o = F.v<int32_t>(I.out);
    for (size_t i = 0; i < F.n; ++i) o[i] = days_from_ms(now);
  }
  std::memset(F.s(I.out), kValid, F.n);
}

/// Parses a bucket unit such as "D" or "15m"; false when the reference rejects it.
bool parse_unit(const std::string& u, Unit* unit, int64_t* mult) {
  if (u.empty()) return false;
  std::string digits = u.substr(0, u.size() - 1);
  for (char ch : digits)
    if (ch < '0' || ch > '9') return false;
  *mult = digits.empty() ? 1 : std::stoll(digits.substr(0, 18));
  switch (u.back()) {
    case 's': *unit = kSec; break;
    case 'm': *unit = kMin; break;
    case 'h': *unit = kHour; break;
    case 'D': *unit = kDay; break;
    case 'W': *unit = kWeek; break;
    case 'M': *unit = kMonth; break;
    case 'Y': *unit = kYear; break;
    default: return false;
  }
  int64_t m = *mult;
  switch (*unit) {
    case kSec:
    case kMin: return m == 1 || m == 5 || m == 10 || m == 15 || m == 20 || m == 30;
    case kHour: return m == 1 || m == 2 || m == 3 || m == 4 || m == 6 || m == 12;
    case kDay:
    case kWeek: return m == 1;
    case kMonth: return m == 1 || m == 2 || m == 3 || m == 4 || m == 6;
    case kYear: return m >= 1;  // the reference divides by it
  }
  return false;
}

}  // namespace

int compile_datetime_function(Compiler& c, const Node& n, const std::vector<int>& args, bool* handled) {
  const std::string& f = n.text;
  *handled = true;
  auto is_time = [&](int r) { return c.type(r) == VT::Date || c.type(r) == VT::Time; };
  if (f == "hour_of_day") {
    if (!is_time(args[0])) type_error();
    return c.emit(hour_kernel, VT::F64, {args[0]});
  }
  if (f == "day_of_week" || f == "month_of_year") {
    if (!is_time(args[0])) type_error();
    return c.emit(datepart_kernel, VT::Str, {args[0]}, 0, f == "month_of_year");
  }
  if (f == "bucket") {
    VT t = c.type(args[0]);
    if (is_numeric(t)) {
      if (!is_numeric(c.type(args[1]))) type_error();
      return c.emit(bucket_num_kernel, VT::F64, {c.to_f64(args[0]), c.to_f64(args[1])});
    }
    if (c.type(args[1]) != VT::Str) type_error();
    if (!c.info(args[1]).str) fail("bucket() needs a literal unit in this build", n.pos);
    Unit unit;
    int64_t mult;
    if (!parse_unit(*c.info(args[1]).str, &unit, &mult)) type_error();
    if (!is_time(args[0])) type_error();
    VT out = (t == VT::Time && (unit == kSec || unit == kMin || unit == kHour)) ? VT::Time : VT::Date;
    return c.emit(bucket_time_kernel, out, {args[0]}, double(mult), unit);
  }
  if (f == "date") {
    for (int a : args)
      if (!is_numeric(c.type(a))) type_error();
    return c.emit(make_date_kernel, VT::Date, {c.to_f64(args[0]), c.to_f64(args[1]), c.to_f64(args[2])});
  }
  if (f == "datetime") {
    VT t = c.type(args[0]);
    if (t != VT::I64 && t != VT::F64) type_error();
    return c.emit(kernels::truncate_to_i64, VT::Time, {c.to_f64(args[0])});
  }
  if (f == "now" || f == "today") {
    if (!args.empty()) fail("Invalid number of input parameters for call to function: '" + f + "'");
    c.set_not_row_local();
    return c.emit(now_kernel, f == "now" ? VT::Time : VT::Date, {});
  }
  *handled = false;
  return -1;
}

}  // namespace parallax::expr
