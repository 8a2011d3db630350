// A loosely typed value as it arrives in configs and filter terms (JSON-like).
#pragma once
#include <cstdint>
#include <string>
#include <variant>

namespace parallax {

struct Scalar {
  std::variant<std::monostate, bool, int64_t, double, std::string> v;

  bool is_null() const { return v.index() == 0; }
  bool is_bool() const { return v.index() == 1; }
  bool is_int() const { return v.index() == 2; }
  bool is_float() const { return v.index() == 3; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return v.index() == 4; }
  bool as_bool() const { return std::get<bool>(v); }
  int64_t as_int() const { return std::get<int64_t>(v); }
  double as_number() const { return is_int() ? double(std::get<int64_t>(v)) : std::get<double>(v); }
  const std::string& as_string() const { return std::get<std::string>(v); }
};

}  // namespace parallax
