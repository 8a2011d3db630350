#include "parallax/expr/preprocess.h"

#include <cstring>

namespace parallax::expr {
namespace {

std::string replace_bools(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    if (in.compare(i, 4, "true") == 0) {
      out += "True";
      i += 4;
    } else if (in.compare(i, 5, "false") == 0) {
      out += "False";
      i += 5;
    } else {
      out += in[i++];
    }
  }
  return out;
}

/// End (index of the closing quote) of the shortest match of the reference's
/// pattern  Q(.*?[^\\])Q  starting at the quote at `open`, or npos. `.` does not
/// match a newline; the last character may be anything but a backslash.
size_t quoted_end(std::string_view s, size_t open, char q) {
  for (size_t k = open + 2; k < s.size(); ++k) {
    if (k >= open + 3 && s[k - 2] == '\n') return std::string_view::npos;  // `.` stops at newlines
    if (s[k] == q && s[k - 1] != '\\') return k;
  }
  return std::string_view::npos;
}

std::string replace_columns(const std::string& in, std::unordered_map<std::string, std::string>& ids) {
  std::unordered_map<std::string, std::string> by_name;
  std::string out;
  size_t running = 0, prev = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '"') continue;
    size_t end = quoted_end(in, i, '"');
    if (end == std::string::npos) continue;
    std::string name = in.substr(i + 1, end - i - 1);
    out.append(in, prev, i - prev);
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      std::string id = "COLUMN" + std::to_string(running);
      it = by_name.emplace(name, id).first;
      ids[id] = name;
    }
    ++running;
    out += it->second;
    prev = end + 1;
    i = end;
  }
  out.append(in, prev, std::string::npos);
  return out;
}

std::string intern_strings(const std::string& in) {
  std::string out;
  size_t prev = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\'') continue;
    size_t end = quoted_end(in, i, '\'');
    if (end == std::string::npos) continue;
    out.append(in, prev, i - prev);
    out += "intern(";
    out.append(in, i, end - i + 1);
    out += ")";
    prev = end + 1;
    i = end;
  }
  out.append(in, prev, std::string::npos);
  return out;
}

/// Step 4: for each `fn(` of a regex function, the first `, intern('...')`
/// after it (shortest match, `.` not crossing newlines) loses its intern().
std::string unintern_patterns(const std::string& in) {
  static const char* kFns[] = {"match_all", "match", "search", "indexof", "replace_all", "replace"};
  std::string out;
  size_t prev = 0, pos = 0;
  while (pos < in.size()) {
    // leftmost position where some function name followed by '(' starts and the rest matches
    size_t best_start = std::string::npos, best_open = 0, best_close = 0;
    for (size_t s = pos; s < in.size() && best_start == std::string::npos; ++s) {
      for (const char* fn : kFns) {
        size_t len = std::strlen(fn);
        if (in.compare(s, len, fn) != 0 || s + len >= in.size() || in[s + len] != '(') continue;
        // (?:.*?,\s*(intern\(('.*?')\)))
        for (size_t c = s + len + 1; c < in.size() && in[c] != '\n'; ++c) {
          if (in[c] != ',') continue;
          size_t k = c + 1;
          while (k < in.size() && (in[k] == ' ' || in[k] == '\t' || in[k] == '\n' || in[k] == '\r' || in[k] == '\f' ||
                                   in[k] == '\v'))
            ++k;
          if (in.compare(k, 8, "intern('") != 0) continue;
          size_t q = k + 7;
          size_t e = q + 1;
          bool found = false;
          for (; e + 1 < in.size() && in[e] != '\n'; ++e) {
            if (in[e] == '\'' && in[e + 1] == ')') {
              found = true;
              break;
            }
          }
          if (!found) continue;
          best_start = s;
          best_open = k;
          best_close = e + 1;  // index of ')'
          break;
        }
        if (best_start != std::string::npos) break;
      }
    }
    if (best_start == std::string::npos) break;
    out.append(in, prev, best_open - prev);
    out.append(in, best_open + 7, best_close - best_open - 7);  // the quoted literal
    prev = best_close + 1;
    pos = prev;
  }
  out.append(in, prev, std::string::npos);
  return out;
}

}  // namespace

Preprocessed preprocess(std::string_view expression) {
  Preprocessed p;
  std::string s = replace_bools(expression);
  s = replace_columns(s, p.column_ids);
  s = intern_strings(s);
  p.text = unintern_patterns(s);
  return p;
}

}  // namespace parallax::expr
