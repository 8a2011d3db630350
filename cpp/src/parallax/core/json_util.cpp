#include "parallax/core/json_util.h"

#include "parallax/core/error.h"

namespace parallax {

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 15]);
        } else {
          out.push_back(char(c));
        }
    }
  }
  out.push_back('"');
}

Scalar scalar_from_json(simdjson::dom::element e) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::NULL_VALUE: return Scalar{};
    case element_type::BOOL: return Scalar{bool(e.get_bool().value())};
    case element_type::INT64: return Scalar{int64_t(e.get_int64().value())};
    case element_type::UINT64: return Scalar{double(e.get_uint64().value())};
    case element_type::DOUBLE: return Scalar{double(e.get_double().value())};
    case element_type::STRING: return Scalar{std::string(e.get_string().value())};
    default: throw_invalid("Unknown JSON type");
  }
}

simdjson::dom::element parse_json_document(simdjson::dom::parser& parser, std::string_view json, const char* what) {
  auto r = parser.parse(json.data(), json.size(), true);
  if (r.error()) throw_parse(std::string("Invalid JSON in ") + what + ": " + simdjson::error_message(r.error()));
  return r.value();
}

}  // namespace parallax
