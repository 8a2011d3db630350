// Load timings on the benchmark's trades dataset (not run by default: no
// timing thresholds in tests). Run with
//   PARALLAX_BENCH_CSV=/tmp/bench-data/trades_1000000.csv \
//   parallax_tests --gtest_also_run_disabled_tests --gtest_filter='*LoadBench*'
// It prints the CSV load time (text -> Table), the Arrow C Data import time of
// a record batch shaped like trades_N.arrow (int32, 4 x utf8, int32,
// 2 x float64, timestamp[ms]; built from the CSV, construction not timed),
// and the resident size of the loaded columns against their raw bytes.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "parallax/arrow/arrow_bridge.h"
#include "parallax/load/loaders.h"
#include "parallax/table/table.h"

using namespace parallax;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// Owns the buffers of one exported array tree.
struct Owned {
  std::vector<std::vector<uint8_t>> bufs;
  std::vector<const void*> ptrs;
  std::vector<ArrowArray*> kids;
  std::vector<ArrowSchema*> skids;
  std::string format, name;
};

void release_array(ArrowArray* a) {
  auto* o = static_cast<Owned*>(a->private_data);
  for (ArrowArray* k : o->kids) {
    if (k->release) k->release(k);  // the importer may have moved children out
    delete k;
  }
  delete o;
  a->release = nullptr;
}

void release_schema(ArrowSchema* s) {
  auto* o = static_cast<Owned*>(s->private_data);
  for (ArrowSchema* k : o->skids) {
    k->release(k);
    delete k;
  }
  delete o;
  s->release = nullptr;
}

ArrowSchema schema(const char* format, const std::string& name) {
  auto* o = new Owned;
  o->format = format;
  o->name = name;
  ArrowSchema s{};
  s.format = o->format.c_str();
  s.name = o->name.c_str();
  s.release = release_schema;
  s.private_data = o;
  return s;
}

ArrowArray array(size_t n, std::vector<std::vector<uint8_t>> bufs) {
  auto* o = new Owned;
  o->bufs = std::move(bufs);
  o->ptrs.push_back(nullptr);  // no validity
  for (auto& b : o->bufs) o->ptrs.push_back(b.data());
  ArrowArray a{};
  a.length = int64_t(n);
  a.n_buffers = int64_t(o->ptrs.size());
  a.buffers = o->ptrs.data();
  a.release = release_array;
  a.private_data = o;
  return a;
}

template <class T>
std::vector<uint8_t> raw(const T* p, size_t n) {
  std::vector<uint8_t> out(n * sizeof(T));
  std::memcpy(out.data(), p, out.size());
  return out;
}

/// A trades-shaped record batch exported from loaded columns.
std::pair<ArrowSchema, ArrowArray> trades_batch(const Batch& b) {
  const size_t n = b.num_rows;
  ArrowSchema top = schema("+s", "");
  ArrowArray arr = array(n, {});
  arr.n_buffers = 1;
  auto* so = static_cast<Owned*>(top.private_data);
  auto* ao = static_cast<Owned*>(arr.private_data);
  for (const BatchColumn& c : b.columns) {
    const Column& col = *c.column;
    if (col.type() == DType::Integer) {
      std::vector<int32_t> v(n);
      for (size_t i = 0; i < n; ++i) v[i] = int32_t(col.get_int(i));
      so->skids.push_back(new ArrowSchema(schema("i", c.name)));
      ao->kids.push_back(new ArrowArray(array(n, {raw(v.data(), n)})));
    } else if (col.type() == DType::String) {
      std::vector<int32_t> off(n + 1);
      std::string data;
      for (size_t i = 0; i < n; ++i) {
        off[i] = int32_t(data.size());
        data += col.get_string(i);
      }
      off[n] = int32_t(data.size());
      so->skids.push_back(new ArrowSchema(schema("u", c.name)));
      ao->kids.push_back(new ArrowArray(array(n, {raw(off.data(), n + 1), raw(data.data(), data.size())})));
    } else {
      so->skids.push_back(new ArrowSchema(schema(col.type() == DType::Float ? "g" : "tsm:", c.name)));
      ao->kids.push_back(new ArrowArray(array(n, {raw(col.data<int64_t>(), n)})));
    }
  }
  top.n_children = arr.n_children = int64_t(so->skids.size());
  top.children = so->skids.data();
  arr.children = ao->kids.data();
  return {top, arr};
}

long resident_kb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

}  // namespace

TEST(DISABLED_LoadBench, TradesCsvAndArrow) {
  const char* path = std::getenv("PARALLAX_BENCH_CSV");
  if (!path) GTEST_SKIP() << "set PARALLAX_BENCH_CSV";
  std::string text;
  {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  for (int run = 0; run < 5; ++run) {
    long before = resident_kb();
    auto t0 = std::chrono::steady_clock::now();
    TablePtr t = Table::from_batch(load_text(text, TextFormat::Csv, nullptr), {});
    double csv_ms = ms_since(t0);
    size_t raw_bytes = 0;
    for (size_t c = 0; c < t->schema().size(); ++c)
      raw_bytes += t->column(int(c))->size() * size_t(t->column(int(c))->width()) + (t->size() + 7) / 8;
    double ratio = double(resident_kb() - before) * 1024 / double(raw_bytes);

    Batch src = load_text(text, TextFormat::Csv, nullptr);
    auto [s, a] = trades_batch(src);
    t0 = std::chrono::steady_clock::now();
    TablePtr ta = Table::from_batch(import_arrow(&s, &a, nullptr), {});
    double arrow_ms = ms_since(t0);
    // Resident growth is only meaningful on the first run (later runs reuse freed pages).
    if (run == 0) printf("resident/raw column bytes %.2f\n", ratio);
    printf("rows %zu  csv %.1f ms  arrow %.1f ms\n", t->size(), csv_ms, arrow_ms);
  }
}
