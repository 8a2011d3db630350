#include "parallax/core/types.h"

namespace parallax {

const char* dtype_name(DType t) {
  switch (t) {
    case DType::Boolean: return "boolean";
    case DType::Integer: return "integer";
    case DType::Float: return "float";
    case DType::String: return "string";
    case DType::Date: return "date";
    case DType::Datetime: return "datetime";
  }
  return "unknown";
}

std::optional<DType> parse_dtype(std::string_view n) {
  if (n == "boolean") return DType::Boolean;
  if (n == "integer") return DType::Integer;
  if (n == "float") return DType::Float;
  if (n == "string") return DType::String;
  if (n == "date") return DType::Date;
  if (n == "datetime") return DType::Datetime;
  return std::nullopt;
}

int dtype_width(DType t, bool wide) {
  switch (t) {
    case DType::Boolean: return 1;
    case DType::Integer: return wide ? 8 : 4;
    case DType::Float: return 8;
    case DType::String: return 4;
    case DType::Date: return 4;
    case DType::Datetime: return 8;
  }
  return 8;
}

}  // namespace parallax
