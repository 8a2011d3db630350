// Small helpers shared by everything that reads or writes JSON text: string
// escaping for writers and simdjson element -> Scalar for readers.
#pragma once
#include <simdjson.h>

#include <string>
#include <string_view>

#include "parallax/core/scalar.h"

namespace parallax {

/// Appends `s` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view s);
/// Converts a scalar JSON element; arrays/objects throw Error(Invalid).
Scalar scalar_from_json(simdjson::dom::element e);
/// Parses `json` into `doc` with `parser`, mapping parse failures to Error(Parse).
simdjson::dom::element parse_json_document(simdjson::dom::parser& parser, std::string_view json, const char* what);

}  // namespace parallax
