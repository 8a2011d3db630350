// px_replay: runs conformance cases (docs: conformance/FORMAT.md) through the
// C API and prints one JSON line per case, {"name": ..., "result": ...}, in the
// shape of the cases' `expected`, for compare.py.
//
//   px_replay [--no-fork] CASE.json|CASE_DIR ...
//
// Each case runs in a forked child process, so a crash or a hang (60 s) in
// one case is reported as a "harness" error and the others still run.
// Exit status: 0 when every case ran, 2 on bad arguments.
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "parallax/capi/parallax.h"

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

/// A C API failure at some stage of the replay procedure.
struct StageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  out += '"';
}

void check(int status) {
  if (status != PX_OK) throw StageError(px_last_error_message());
}

/// Takes ownership of a px_buf and returns its bytes.
std::string take(px_buf* b) {
  std::string s(reinterpret_cast<const char*>(px_buf_data(b)), size_t(px_buf_size(b)));
  px_buf_free(b);
  return s;
}

/// Parses engine JSON output and re-emits it minified (validating it).
std::string normalise(const std::string& json, bool sort_keys = false) {
  simdjson::dom::parser parser;
  element e;
  if (parser.parse(json).get(e)) throw StageError("engine produced invalid JSON: " + json.substr(0, 200));
  if (!sort_keys || e.type() != element_type::OBJECT) return simdjson::minify(e);
  std::map<std::string, std::string> sorted;
  simdjson::dom::object obj = e.get_object().value();  // a named object: ranging over .value() of a temporary dangles
  for (auto [k, v] : obj) sorted[std::string(k)] = simdjson::minify(v);
  std::string out = "{";
  for (auto& [k, v] : sorted) {
    if (out.size() > 1) out += ',';
    append_string(out, k);
    out += ':' + v;
  }
  return out + "}";
}

std::string read_file(const std::string& path) {
  FILE* f = fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + path);
  std::string s;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  fclose(f);
  return s;
}

std::string dir_of(const std::string& path) {
  size_t p = path.rfind('/');
  return p == std::string::npos ? "." : path.substr(0, p);
}

/// The snapshot fields of FORMAT.md, step 4.
std::string snapshot(px_view* v) {
  px_buf* b = nullptr;
  std::string o = "{\"to_columns\":";
  check(px_view_to_text(v, "columns", nullptr, &b));
  o += normalise(take(b));
  check(px_view_schema_json(v, &b));
  o += ",\"schema\":" + normalise(take(b), true);
  check(px_view_expression_schema_json(v, &b));
  o += ",\"expression_schema\":" + normalise(take(b), true);
  check(px_view_dimensions_json(v, &b));
  o += ",\"dimensions\":" + normalise(take(b));
  check(px_view_column_paths_json(v, nullptr, &b));
  o += ",\"column_paths\":" + normalise(take(b));
  return o;
}

std::string table_size(px_table* t) {
  int64_t n = 0;
  check(px_table_size(t, &n));
  return std::to_string(n);
}

/// Text and format of update/replace data: a list of rows or a column dict.
std::pair<std::string, const char*> data_text(element data) {
  return {simdjson::minify(data), data.type() == element_type::ARRAY ? "json" : "columns"};
}

/// Runs one case; returns the `result` object (without the name wrapper).
std::string run_case(const std::string& path, element c) {
  std::string result = "{";
  auto error = [&](const std::string& stage, const std::string& msg) {
    if (result.size() > 1) result += ',';
    result += "\"error\":{\"stage\":";
    append_string(result, stage);
    result += ",\"message\":";
    append_string(result, msg);
    result += "}}";
    return result;
  };
  std::string options = "{}";
  element opts;
  if (!c["table_options"].get(opts) && opts.type() == element_type::OBJECT) options = simdjson::minify(opts);

  // 1. Create the table.
  px_table* t = nullptr;
  try {
    element load;
    if (!c["load"].get(load) && load.type() == element_type::OBJECT) {
      std::string_view format = load["format"].get_string().value();
      element data = load["data"].value();
      if (format == "schema") {
        check(px_table_from_schema(simdjson::minify(data).c_str(), options.c_str(), &t));
      } else if (format == "csv") {
        std::string_view text = data.get_string().value();
        check(px_table_from_text(text.data(), int64_t(text.size()), "csv", options.c_str(), &t));
      } else {
        std::string text = simdjson::minify(data);
        check(px_table_from_text(text.data(), int64_t(text.size()), format == "rows" ? "json" : "columns",
                                 options.c_str(), &t));
      }
    } else {
      std::string name(c["dataset"].get_string().value());
      std::string ds_text = read_file(dir_of(path) + "/../datasets/" + name + ".json");
      simdjson::dom::parser dp;
      element ds = dp.parse(ds_text).value();
      check(px_table_from_schema(simdjson::minify(ds["schema"].value()).c_str(), options.c_str(), &t));
      std::string cols = simdjson::minify(ds["columns"].value());
      check(px_table_update_text(t, cols.data(), int64_t(cols.size()), "columns", 0));
    }
  } catch (const StageError& e) {
    if (t) px_table_free(t);
    return error("table", e.what());
  }

  // 2. Table schema and size.
  px_buf* b = nullptr;
  check(px_table_info_json(t, &b));
  {
    std::string info = take(b);
    simdjson::dom::parser ip;
    element ie = ip.parse(info).value();
    result += "\"table_schema\":" + normalise(simdjson::minify(ie["schema"].value()), true);
  }
  result += ",\"table_size\":" + table_size(t);

  // 3-4. The view and its initial snapshot.
  px_view* v = nullptr;
  std::string config = "{}";
  element vc;
  if (!c["view_config"].get(vc)) config = simdjson::minify(vc);
  try {
    check(px_table_view(t, config.c_str(), &v));
  } catch (const StageError& e) {
    px_table_free(t);
    return error("view", e.what());
  }
  try {
    result += ",\"initial\":" + snapshot(v) + "}";
  } catch (const StageError& e) {
    px_view_free(v);
    px_table_free(t);
    return error("view", e.what());
  }

  // 5. Steps.
  element steps;
  if (!c["steps"].get(steps) && steps.type() == element_type::ARRAY) {
    std::string done = "[";
    size_t k = 0;
    std::string failure_stage, failure;
    simdjson::dom::array step_list = steps.get_array().value();
    for (element s : step_list) {
      try {
        std::string_view op = s["op"].get_string().value();
        if (op == "update" || op == "replace") {
          auto [text, fmt] = data_text(s["data"].value());
          if (op == "update") check(px_table_update_text(t, text.data(), int64_t(text.size()), fmt, 0));
          else check(px_table_replace_text(t, text.data(), int64_t(text.size()), fmt, 0));
        } else if (op == "remove") {
          check(px_table_remove(t, simdjson::minify(s["keys"].value()).c_str(), 0));
        } else if (op == "clear") {
          check(px_table_clear(t));
        } else {
          throw StageError("unknown step op " + std::string(op));
        }
        std::string snap = snapshot(v) + ",\"table_size\":" + table_size(t) + "}";
        if (done.size() > 1) done += ',';
        done += snap;
      } catch (const StageError& e) {
        failure_stage = "step:" + std::to_string(k);
        failure = e.what();
        break;
      }
      ++k;
    }
    result += ",\"steps\":" + done + "]";
    if (!failure_stage.empty()) {
      px_view_free(v);
      px_table_free(t);
      return error(failure_stage, failure);
    }
  }
  px_view_delete(v);
  px_view_free(v);
  px_table_free(t);
  return result + "}";
}

/// One output line for the case at `path`.
std::string replay_file(const std::string& path, std::string* name_out) {
  std::string text = read_file(path);
  simdjson::dom::parser parser;
  element c;
  if (parser.parse(text).get(c)) throw std::runtime_error("invalid case JSON: " + path);
  std::string name(c["name"].get_string().value());
  *name_out = name;
  std::string line = "{\"name\":";
  append_string(line, name);
  line += ",\"result\":" + run_case(path, c) + "}";
  return line;
}

std::string harness_line(const std::string& name, const std::string& msg) {
  std::string line = "{\"name\":";
  append_string(line, name);
  line += ",\"result\":{\"error\":{\"stage\":\"harness\",\"message\":";
  append_string(line, msg);
  return line + "}}}";
}

/// The case's name without running it (for harness error lines).
std::string case_name(const std::string& path) {
  try {
    std::string text = read_file(path);
    simdjson::dom::parser parser;
    std::string_view n;
    if (!parser.parse(text)["name"].get_string().get(n)) return std::string(n);
  } catch (...) {
  }
  std::string base = path.substr(path.rfind('/') + 1);
  return base.substr(0, base.rfind('.'));
}

std::string run_isolated(const std::string& path, bool fork_each) {
  if (!fork_each) {
    std::string name;
    try {
      return replay_file(path, &name);
    } catch (const std::exception& e) {
      return harness_line(name.empty() ? case_name(path) : name, e.what());
    }
  }
  int fds[2];
  if (pipe(fds) != 0) return harness_line(case_name(path), "pipe() failed");
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) return harness_line(case_name(path), "fork() failed");
  if (pid == 0) {
    close(fds[0]);
    alarm(60);
    std::string name, line;
    try {
      line = replay_file(path, &name);
    } catch (const std::exception& e) {
      line = harness_line(name.empty() ? case_name(path) : name, e.what());
    }
    size_t off = 0;
    while (off < line.size()) {
      ssize_t w = write(fds[1], line.data() + off, line.size() - off);
      if (w <= 0) break;
      off += size_t(w);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buf[65536];
  ssize_t r;
  while ((r = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, size_t(r));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !out.empty()) return out;
  std::string why = WIFSIGNALED(status) ? std::string("crashed: ") + strsignal(WTERMSIG(status)) : "no output";
  return harness_line(case_name(path), why);
}

std::vector<std::string> case_files(const std::string& arg) {
  std::vector<std::string> out;
  DIR* d = opendir(arg.c_str());
  if (!d) return {arg};
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0) out.push_back(arg + "/" + n);
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool fork_each = true;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--no-fork") {
      fork_each = false;
      continue;
    }
    for (auto& f : case_files(a)) files.push_back(f);
  }
  if (files.empty()) {
    fprintf(stderr, "usage: px_replay [--no-fork] CASE.json|CASE_DIR ...\n");
    return 2;
  }
  for (auto& f : files) {
    std::string line = run_isolated(f, fork_each);
    fwrite(line.data(), 1, line.size(), stdout);
    fputc('\n', stdout);
    fflush(stdout);
  }
  return 0;
}
