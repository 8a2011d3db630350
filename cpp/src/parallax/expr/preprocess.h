// The reference's textual rewriting of an expression before ExprTK parses it,
// reproduced so that parse errors report the same line and column (they are
// positions in the rewritten text) and the same quirks apply:
//   1. every `true` / `false` (anywhere, even inside names) becomes True / False;
//   2. each double-quoted column name becomes COLUMN<k> (k counts every
//      occurrence; repeats of a name reuse its first id);
//   3. each single-quoted string becomes intern('...');
//   4. the first string after a comma in match/match_all/search/indexof/
//      replace/replace_all(...) is un-interned again (a raw pattern literal).
// Pure functions; thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

namespace parallax::expr {

struct Preprocessed {
  std::string text;
  std::unordered_map<std::string, std::string> column_ids;  // COLUMN<k> -> column name
};

Preprocessed preprocess(std::string_view expression);

}  // namespace parallax::expr
