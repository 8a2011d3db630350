#include "parallax/view/pivot/cell_scalar.h"

#include <cstdio>
#include <string>

#include "parallax/core/datetime.h"

namespace parallax {

Scalar cell_scalar(const Column& c, size_t i) {
  switch (c.type()) {
    case DType::Boolean: return Scalar{c.get<uint8_t>(i) != 0};
    case DType::Integer: return Scalar{c.get_int(i)};
    case DType::Float: return Scalar{c.get<double>(i)};
    case DType::String: return Scalar{std::string(c.get_string(i))};
    case DType::Date: {
      CivilDate d = civil_from_days(c.get<int32_t>(i));
      std::string year = std::to_string(d.year);
      if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
      char buf[16];
      snprintf(buf, sizeof buf, "-%02u-%02u", d.month, d.day);
      return Scalar{year + buf};
    }
    case DType::Datetime: {
      std::string s;
      append_datetime(s, c.get<int64_t>(i));
      return Scalar{std::move(s)};
    }
  }
  return {};
}

}  // namespace parallax
