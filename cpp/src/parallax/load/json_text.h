// JSON text parsing for the loaders. simdjson rejects integer literals beyond
// the 64-bit range, which rapidjson (Perspective's parser) reads as doubles;
// parse_json_text rewrites such literals as doubles and parses again, so
// `100000000000000000000` loads as 1e20 instead of failing.
#pragma once
#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

namespace parallax {

/// A copy of `json` with every integer literal outside [INT64_MIN, UINT64_MAX]
/// turned into a double literal (".0" appended), or nullopt when there is none.
std::optional<std::string> widen_big_integers(std::string_view json);

/// Parses one document; malformed text throws Error(Parse) naming `what`.
simdjson::dom::element parse_json_text(simdjson::dom::parser& parser, std::string_view json, const char* what);

}  // namespace parallax
