#include "parallax/view/aggregates/accumulator_base.h"

#include "parallax/core/datetime.h"

namespace parallax::agg {

const int32_t kZeroDate = days_from_civil(0, 1, 1) - 1;  // packed 0: "0000-01-00"

void write_zero(Column& out, size_t i) {
  switch (out.type()) {
    case DType::Boolean: out.set<uint8_t>(i, 0); break;
    case DType::Integer: out.set_int(i, 0); break;
    case DType::Float: out.set<double>(i, 0.0); break;
    case DType::String: out.set_string(i, ""); break;
    case DType::Date: out.set<int32_t>(i, kZeroDate); break;
    case DType::Datetime: out.set<int64_t>(i, 0); break;
  }
}

}  // namespace parallax::agg
