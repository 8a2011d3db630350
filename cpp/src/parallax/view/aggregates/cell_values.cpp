#include "parallax/view/aggregates/cell_values.h"

#include <cmath>
#include <cstdio>
#include <cstring>

#include "parallax/core/datetime.h"

namespace parallax::agg {

namespace {

uint64_t signed_bits(int64_t x) { return uint64_t(x) ^ (uint64_t(1) << 63); }

uint64_t double_bits(double d) {
  if (d == 0) d = 0;  // -0.0 and 0.0 compare equal
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return (b >> 63) ? ~b : b | (uint64_t(1) << 63);
}

}  // namespace

uint64_t cell_order_bits(const Column& c, uint32_t rid, const std::vector<int32_t>* ranks) {
  switch (c.type()) {
    case DType::Boolean: return c.get<uint8_t>(rid) ? 1 : 0;
    case DType::Integer: return signed_bits(c.get_int(rid));
    case DType::Float: return double_bits(c.get<double>(rid));
    case DType::String: return uint64_t(uint32_t((*ranks)[c.get<int32_t>(rid)]));
    case DType::Date: return signed_bits(c.get<int32_t>(rid));
    case DType::Datetime: return signed_bits(c.get<int64_t>(rid));
  }
  return 0;
}

void make_cell_keys(const Column& c, const uint32_t* rids, size_t n, CellKey* out) {
  std::shared_ptr<const std::vector<int32_t>> ranks;
  if (c.type() == DType::String) ranks = c.dict()->sort_ranks();
  for (size_t i = 0; i < n; ++i) {
    uint32_t r = rids[i];
    uint8_t s = cell_status(c, r);
    out[i] = {s == kValid ? cell_order_bits(c, r, ranks.get()) : 0, r, s};
  }
}

double cell_to_double(const Column& c, uint32_t rid) {
  if (!c.is_valid(rid)) return 0;
  switch (c.type()) {
    case DType::Boolean: return c.get<uint8_t>(rid) ? 1 : 0;
    case DType::Integer: return double(c.get_int(rid));
    case DType::Float: return c.get<double>(rid);
    case DType::String: return 0;
    case DType::Date: {
      CivilDate d = civil_from_days(c.get<int32_t>(rid));
      return double((int64_t(d.year) << 16) | ((d.month - 1) << 8) | d.day);
    }
    case DType::Datetime: return double(c.get<int64_t>(rid));
  }
  return 0;
}

bool cell_truthy(const Column& c, uint32_t rid) {
  if (!c.is_valid(rid)) return false;
  switch (c.type()) {
    case DType::Boolean: return c.get<uint8_t>(rid) != 0;
    case DType::Integer: return c.get_int(rid) != 0;
    case DType::Float: return c.get<double>(rid) != 0;
    case DType::String: return true;
    case DType::Date: return true;  // the packed date is never 0
    case DType::Datetime: return c.get<int64_t>(rid) != 0;
  }
  return false;
}

void append_cell_text(std::string& out, const Column& c, uint32_t rid) {
  if (!c.is_valid(rid)) {
    out += "null";
    return;
  }
  char buf[64];
  switch (c.type()) {
    case DType::Boolean: out += c.get<uint8_t>(rid) ? "true" : "false"; return;
    case DType::Integer: out += std::to_string(c.get_int(rid)); return;
    case DType::Float: {
      // std::ostream's default formatting of a double: %g with 6 significant digits.
      int n = snprintf(buf, sizeof buf, "%g", c.get<double>(rid));
      out.append(buf, size_t(n));
      return;
    }
    case DType::String: out += c.get_string(rid); return;
    case DType::Date: append_date(out, c.get<int32_t>(rid)); return;
    case DType::Datetime: append_datetime(out, c.get<int64_t>(rid)); return;
  }
}

}  // namespace parallax::agg
