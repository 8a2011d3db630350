// Arrow C Data import (semantics 1.7): type mapping, update conversions,
// ownership (release exactly once, even on failure), zero-copy adoption,
// slices, streams, and validation of malformed arrays. Expected values marked
// "oracle" were recorded from @finos/perspective 3.8.0 loading the same data
// built with apache-arrow 21 (`tableToIPC`) in Node, printed as
// `t.columns()` with types plus `view.to_columns()`.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <cstring>
#include <optional>

#include "load_test_util.h"
#include "parallax/arrow/arrow_bridge.h"

using namespace parallax;

namespace {

// --- a tiny Arrow producer -------------------------------------------------

struct ArrayHolder {
  std::vector<std::vector<uint8_t>> bufs;
  std::vector<const void*> ptrs;
  std::vector<ArrowArray*> kids;
  ArrowArray* dict = nullptr;
  int* releases = nullptr;
};

void release_array(ArrowArray* a) {
  auto* h = static_cast<ArrayHolder*>(a->private_data);
  for (ArrowArray* k : h->kids) {
    if (k->release) k->release(k);
    delete k;
  }
  if (h->dict) {
    if (h->dict->release) h->dict->release(h->dict);
    delete h->dict;
  }
  if (h->releases) ++*h->releases;
  delete h;
  a->release = nullptr;
}

struct SchemaHolder {
  std::string format, name;
  std::vector<ArrowSchema*> kids;
  ArrowSchema* dict = nullptr;
};

void release_schema(ArrowSchema* s) {
  auto* h = static_cast<SchemaHolder*>(s->private_data);
  for (ArrowSchema* k : h->kids) {
    if (k->release) k->release(k);
    delete k;
  }
  if (h->dict) {
    if (h->dict->release) h->dict->release(h->dict);
    delete h->dict;
  }
  delete h;
  s->release = nullptr;
}

/// An array + schema pair under construction. Empty buffer vectors with
/// `null_buf` set become null pointers.
struct Col {
  ArrowSchema schema{};
  ArrowArray array{};
};

ArrowSchema make_schema(std::string format, std::string name, std::vector<ArrowSchema> kids = {},
                        ArrowSchema* dict = nullptr) {
  auto* h = new SchemaHolder{std::move(format), std::move(name), {}, dict};
  for (ArrowSchema& k : kids) h->kids.push_back(new ArrowSchema(k));
  ArrowSchema s{};
  s.format = h->format.c_str();
  s.name = h->name.c_str();
  s.flags = ARROW_FLAG_NULLABLE;
  s.n_children = int64_t(h->kids.size());
  s.children = h->kids.empty() ? nullptr : h->kids.data();
  s.dictionary = dict;
  s.release = release_schema;
  s.private_data = h;
  return s;
}

ArrowArray make_array(int64_t length, int64_t null_count, std::vector<std::optional<std::vector<uint8_t>>> bufs,
                      std::vector<ArrowArray> kids = {}, ArrowArray* dict = nullptr, int* releases = nullptr) {
  auto* h = new ArrayHolder;
  h->releases = releases;
  h->dict = dict;
  for (auto& b : bufs) {
    if (b) b->reserve(8);  // present buffers are never null pointers, even when empty
    h->bufs.push_back(b ? std::move(*b) : std::vector<uint8_t>());
    h->ptrs.push_back(b ? h->bufs.back().data() : nullptr);
  }
  for (size_t i = 0; i < h->ptrs.size(); ++i)
    if (bufs[i]) h->ptrs[i] = h->bufs[i].data();
  for (ArrowArray& k : kids) h->kids.push_back(new ArrowArray(k));
  ArrowArray a{};
  a.length = length;
  a.null_count = null_count;
  a.n_buffers = int64_t(h->ptrs.size());
  a.buffers = h->ptrs.data();
  a.n_children = int64_t(h->kids.size());
  a.children = h->kids.empty() ? nullptr : h->kids.data();
  a.dictionary = dict;
  a.release = release_array;
  a.private_data = h;
  return a;
}

template <class T>
std::vector<uint8_t> bytes_of(const std::vector<T>& v) {
  std::vector<uint8_t> out(v.size() * sizeof(T));
  if (!v.empty()) std::memcpy(out.data(), v.data(), out.size());
  return out;
}

template <class T>
std::pair<std::optional<std::vector<uint8_t>>, int64_t> validity_of(const std::vector<std::optional<T>>& v) {
  std::vector<uint8_t> bm((v.size() + 7) / 8, 0);
  int64_t nulls = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i]) bm[i / 8] |= uint8_t(1u << (i % 8));
    else ++nulls;
  }
  if (!nulls) return {std::nullopt, 0};
  return {bm, nulls};
}

template <class T>
Col prim(const std::string& name, const std::string& fmt, std::vector<std::optional<T>> v) {
  auto [valid, nulls] = validity_of(v);
  std::vector<T> raw;
  for (auto& x : v) raw.push_back(x ? *x : T{});
  return {make_schema(fmt, name), make_array(int64_t(v.size()), nulls, {valid, bytes_of(raw)})};
}

Col boolean(const std::string& name, std::vector<std::optional<bool>> v) {
  auto [valid, nulls] = validity_of(v);
  std::vector<uint8_t> bits((v.size() + 7) / 8, 0);
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] && *v[i]) bits[i / 8] |= uint8_t(1u << (i % 8));
  return {make_schema("b", name), make_array(int64_t(v.size()), nulls, {valid, bits})};
}

template <class Off = int32_t>
Col strings(const std::string& name, std::vector<std::optional<std::string>> v, const char* fmt = "u") {
  auto [valid, nulls] = validity_of(v);
  std::vector<Off> off{0};
  std::string data;
  for (auto& s : v) {
    if (s) data += *s;
    off.push_back(Off(data.size()));
  }
  return {make_schema(fmt, name),
          make_array(int64_t(v.size()), nulls, {valid, bytes_of(off), std::vector<uint8_t>(data.begin(), data.end())})};
}

Col dictionary(const std::string& name, const std::string& index_fmt, std::vector<std::optional<int8_t>> idx,
               std::vector<std::optional<std::string>> values) {
  Col d = strings("", std::move(values));
  auto* ds = new ArrowSchema(d.schema);
  auto* da = new ArrowArray(d.array);
  auto [valid, nulls] = validity_of(idx);
  std::vector<uint8_t> raw;
  const int width = index_fmt == "c" ? 1 : 4;
  for (auto& x : idx) {
    int32_t v = x ? *x : 0;
    for (int b = 0; b < width; ++b) raw.push_back(uint8_t(v >> (8 * b)));
  }
  return {make_schema(index_fmt, name, {}, ds), make_array(int64_t(idx.size()), nulls, {valid, raw}, {}, da)};
}

Col list_of(const std::string& name, Col child, std::vector<std::optional<std::pair<int32_t, int32_t>>> ranges) {
  auto [valid, nulls] = validity_of(ranges);
  std::vector<int32_t> off{0};
  for (auto& r : ranges) off.push_back(r ? r->second : off.back());
  return {make_schema("+l", name, {child.schema}),
          make_array(int64_t(ranges.size()), nulls, {valid, bytes_of(off)}, {child.array})};
}

/// A malformed record batch: the struct schema lacks the column schemas.
std::pair<ArrowSchema, ArrowArray> record_batch(std::vector<Col> cols, int* releases = nullptr) {
  std::vector<ArrowArray> as;
  int64_t n = cols.empty() ? 0 : cols[0].array.length;
  for (Col& c : cols) {
    c.schema.release(&c.schema);
    as.push_back(c.array);
  }
  return {make_schema("+s", ""), make_array(n, 0, {std::nullopt}, as, nullptr, releases)};
}

std::pair<ArrowSchema, ArrowArray> record_batch_with(std::vector<Col> cols, int* releases = nullptr) {
  std::vector<ArrowSchema> ss;
  std::vector<ArrowArray> as;
  int64_t n = cols.empty() ? 0 : cols[0].array.length;
  for (Col& c : cols) {
    ss.push_back(c.schema);
    as.push_back(c.array);
  }
  return {make_schema("+s", "", ss), make_array(n, 0, {std::nullopt}, as, nullptr, releases)};
}

/// Imports into a new table (creation) and renders it as the oracle script did.
std::string load(std::vector<Col> cols) {
  auto [s, a] = record_batch_with(std::move(cols));
  try {
    return test::render(*Table::from_batch(import_arrow(&s, &a, nullptr), {}));
  } catch (const Error& e) {
    return std::string("ERR ") + e.what();
  }
}

/// table(schema) then update(batch), rendered.
std::string update(std::vector<Col> cols) {
  Table t({{"i", DType::Integer}, {"f", DType::Float}, {"s", DType::String},
           {"b", DType::Boolean}, {"d", DType::Date}, {"t", DType::Datetime}}, {});
  auto [s, a] = record_batch_with(std::move(cols));
  try {
    t.update(import_arrow(&s, &a, &t.schema()));
    return test::render(t);
  } catch (const Error& e) {
    return std::string("ERR ") + e.what();
  }
}

using OI = std::optional<int64_t>;

}  // namespace

TEST(ArrowImport, TypeMappingMatchesReferenceEngine) {  // oracle
  EXPECT_EQ(load({prim<int8_t>("a", "c", {1, -2, std::nullopt})}), R"(a:integer {"a":[1,-2,null]})");
  EXPECT_EQ(load({prim<int16_t>("a", "s", {300, std::nullopt})}), R"(a:integer {"a":[300,null]})");
  EXPECT_EQ(load({prim<int64_t>("a", "l", {5000000000, std::nullopt, -1})}), R"(a:integer {"a":[5000000000,null,-1]})");
  EXPECT_EQ(load({prim<uint8_t>("a", "C", {255, 1})}), R"(a:integer {"a":[-1,1]})");
  EXPECT_EQ(load({prim<uint16_t>("a", "S", {65535, 1})}), R"(a:integer {"a":[-1,1]})");
  EXPECT_EQ(load({prim<uint32_t>("a", "I", {4294967295u, 1})}), R"(a:integer {"a":[-1,1]})");
  EXPECT_EQ(load({prim<uint64_t>("a", "L", {UINT64_MAX, 1})}), R"(a:integer {"a":[-1,1]})");
  EXPECT_EQ(load({prim<float>("a", "f", {1.1f, std::nullopt, NAN})}), R"(a:float {"a":[1.100000023841858,null,null]})");
  EXPECT_EQ(load({prim<double>("a", "g", {1.5, std::nullopt, NAN, INFINITY})}), R"(a:float {"a":[1.5,null,null,null]})");
  EXPECT_EQ(load({boolean("a", {true, false, std::nullopt})}), R"(a:boolean {"a":[true,false,null]})");
  EXPECT_EQ(load({strings("a", {"x", std::nullopt, ""})}), R"(a:string {"a":["x",null,""]})");
  EXPECT_EQ(load({strings<int64_t>("a", {"x", std::nullopt}, "U")}), R"(a:string {"a":["x",null]})");
  EXPECT_EQ(load({strings("a", {"hi", std::nullopt}, "z")}), R"(a:string {"a":["hi",null]})");
  EXPECT_EQ(load({dictionary("a", "c", {0, 1, std::nullopt, 0}, {"b", "a"})}), R"(a:string {"a":["b","a",null,"b"]})");
  EXPECT_EQ(load({dictionary("a", "i", {0, 1, std::nullopt, 0}, {"b", "a"})}), R"(a:string {"a":["b","a",null,"b"]})");
  EXPECT_EQ(load({prim<int32_t>("a", "tdD", {18263, std::nullopt})}), R"(a:date {"a":[1577923200000,null]})");
  EXPECT_EQ(load({prim<int64_t>("a", "tdm", {1577934245000, std::nullopt})}), R"(a:date {"a":[1577923200000,null]})");
  EXPECT_EQ(load({prim<int64_t>("a", "tss:", {1577934245, std::nullopt})}), R"(a:datetime {"a":[1577934245000,null]})");
  EXPECT_EQ(load({prim<int64_t>("a", "tsm:", {1577934245123, std::nullopt})}), R"(a:datetime {"a":[1577934245123,null]})");
  EXPECT_EQ(load({prim<int64_t>("a", "tsu:", {1577934245123000, std::nullopt})}), R"(a:datetime {"a":[1577934245123,null]})");
  EXPECT_EQ(load({prim<int64_t>("a", "tsn:", {1577934245123000000, std::nullopt})}), R"(a:datetime {"a":[1577934245123,null]})");
  EXPECT_EQ(load({prim<int64_t>("a", "tsm:America/New_York", {1577934245123})}), R"(a:datetime {"a":[1577934245123]})");
  EXPECT_EQ(load({Col{make_schema("n", "a"), make_array(3, 3, {})}}), R"(a:string {"a":[null,null,null]})");
  EXPECT_EQ(load({prim<uint16_t>("a", "e", {0x3e00})}), "ERR Could not load arrow column of type `halffloat`");
  EXPECT_EQ(load({prim<int32_t>("a", "tts", {5})}), "ERR Could not load arrow column of type `time32`");
  EXPECT_EQ(load({list_of("a", prim<int32_t>("i", "i", {1, 2, 3}), {{{0, 2}}, {{2, 3}}, std::nullopt, {{3, 3}}})}),
            R"(a:string {"a":["[1,2]","[3]",null,"[]"]})");
  EXPECT_EQ(load({list_of("a", strings("i", {"a", "b\"c"}), {{{0, 2}}, {{2, 2}}})}),
            R"(a:string {"a":["[\"a\",\"b\\\"c\"]","[]"]})");
  EXPECT_EQ(load({list_of("a", prim<double>("i", "g", {1.5, 2}), {{{0, 2}}, {{2, 2}}})}),
            R"(a:string {"a":["[1.5,2.0]","[]"]})");
  EXPECT_EQ(load({list_of("a", boolean("i", {true, false}), {{{0, 2}}})}), R"(a:string {"a":["[true,false]"]})");
  {
    Col inner = prim<int32_t>("x", "i", {1});
    EXPECT_EQ(load({Col{make_schema("+s", "a", {inner.schema}), make_array(1, 0, {std::nullopt}, {inner.array})}}),
              "ERR Could not load arrow column of type `struct`");
  }
  {
    std::vector<uint8_t> dec(32, 0);
    int64_t lo = 12345;
    std::memcpy(dec.data(), &lo, 8);
    std::memset(dec.data() + 16, 0xff, 16);
    EXPECT_EQ(load({Col{make_schema("d:10,2", "a"), make_array(2, 0, {std::nullopt, dec})}}),
              R"(a:integer {"a":[12345,-1]})");
  }
  EXPECT_EQ(load({prim<int32_t>("a", "i", {}), prim<int32_t>("a", "i", {})}), R"(a:integer,a*:integer {"a":[],"a*":[]})");
  EXPECT_EQ(load({prim<int32_t>("__INDEX__", "i", {5, 6}), strings("a", {"x", "y"})}), R"(a:string {"a":["x","y"]})");
}

TEST(ArrowImport, UpdateConvertsToTheTableSchema) {  // oracle
  const char* nulls = R"("f":[null,null],"s":[null,null],"b":[null,null],"d":[null,null],"t":[null,null]})";
  EXPECT_EQ(update({prim<int32_t>("i", "i", {1, std::nullopt})}),
            std::string(R"(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[1,null],)") + nulls);
  EXPECT_EQ(update({prim<int32_t>("f", "i", {1, 2})}),
            R"(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null,null],"f":[1,2],"s":[null,null],"b":[null,null],"d":[null,null],"t":[null,null]})");
  EXPECT_EQ(update({prim<double>("i", "g", {1.5, 2})}),
            std::string(R"(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[1,2],)") + nulls);
  const char* one = R"(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {)";
  EXPECT_EQ(update({prim<int64_t>("i", "l", {5000000000})}),
            std::string(one) + R"("i":[705032704],"f":[null],"s":[null],"b":[null],"d":[null],"t":[null]})");
  EXPECT_EQ(update({strings("i", {"5"})}), "ERR Could not fill column `i` with t_dtype: `int32`, array type: `str`");
  EXPECT_EQ(update({prim<int32_t>("s", "i", {5})}), "ERR Could not fill arrow column `s` iteratively due to mismatched types.");
  EXPECT_EQ(update({strings("f", {"5"})}), "ERR Could not fill column `f` with t_dtype: `float64`, array type: `str`");
  EXPECT_EQ(update({prim<int64_t>("d", "tsm:", {1577934245123})}),
            "ERR Could not fill column `d` with t_dtype: `date`, array type: `datetime`");
  EXPECT_EQ(update({prim<int32_t>("t", "tdD", {18263})}),
            "ERR Could not fill column `t` with t_dtype: `datetime`, array type: `date`");
  EXPECT_EQ(update({prim<int32_t>("b", "i", {1})}), "ERR Could not fill arrow column `b` iteratively due to mismatched types.");
  EXPECT_EQ(update({dictionary("s", "i", {0}, {"q"})}),
            std::string(one) + R"("i":[null],"f":[null],"s":["q"],"b":[null],"d":[null],"t":[null]})");
  EXPECT_EQ(update({prim<uint8_t>("i", "C", {255})}),
            std::string(one) + R"("i":[255],"f":[null],"s":[null],"b":[null],"d":[null],"t":[null]})");
  EXPECT_EQ(update({prim<float>("f", "f", {1.1f})}),
            std::string(one) + R"("i":[null],"f":[1.100000023841858],"s":[null],"b":[null],"d":[null],"t":[null]})");
  EXPECT_EQ(update({prim<int64_t>("t", "tss:", {1577934245})}),
            std::string(one) + R"("i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[1577934245000]})");
  EXPECT_EQ(update({prim<int32_t>("zz", "i", {1}), prim<int32_t>("i", "i", {7})}),
            std::string(one) + R"("i":[7],"f":[null],"s":[null],"b":[null],"d":[null],"t":[null]})");
}

TEST(ArrowImport, ReleasesExactlyOnceAndAdoptsWithoutCopying) {
  // Columns are moved out of the batch: the struct is released when the import
  // returns, an adopted column's array when the last column using it goes, and
  // an array that was only read (strings) when the import returns.
  int batch_releases = 0, adopted_releases = 0, read_releases = 0;
  Col c = prim<int64_t>("a", "l", {1, 2, 3});
  Col str = strings("s", {"x", "y", std::nullopt});
  static_cast<ArrayHolder*>(c.array.private_data)->releases = &adopted_releases;
  static_cast<ArrayHolder*>(str.array.private_data)->releases = &read_releases;
  const void* values = c.array.buffers[1];
  auto [s, a] = record_batch_with({c, str}, &batch_releases);
  Batch b = import_arrow(&s, &a, nullptr);
  EXPECT_EQ(a.release, nullptr) << "the caller's struct is moved";
  EXPECT_EQ(s.release, nullptr);
  EXPECT_EQ(b.columns[0].column->data<int64_t>(), values) << "zero-copy";
  EXPECT_EQ(batch_releases, 1) << "the struct goes with the import";
  EXPECT_EQ(read_releases, 1) << "interned strings are not kept";
  EXPECT_EQ(adopted_releases, 0) << "kept alive by the column";
  auto t = Table::from_batch(std::move(b), {});
  EXPECT_EQ(adopted_releases, 0);
  t.reset();
  EXPECT_EQ(adopted_releases, 1);
  EXPECT_EQ(batch_releases, 1);
  EXPECT_EQ(read_releases, 1);
}

TEST(ArrowImport, ColumnsWithNullsAreCopiedWithZeroedNullCells) {
  Col c = prim<int32_t>("a", "i", {7, std::nullopt, 9});
  const_cast<int32_t*>(static_cast<const int32_t*>(c.array.buffers[1]))[1] = 12345;  // undefined slot
  auto [s, a] = record_batch_with({c});
  Batch b = import_arrow(&s, &a, nullptr);
  const Column& col = *b.columns[0].column;
  EXPECT_FALSE(col.is_valid(1));
  EXPECT_EQ(col.get<int32_t>(1), 0);
  EXPECT_EQ(col.get<int32_t>(2), 9);
}

TEST(ArrowImport, SlicesHonourStructAndChildOffsets) {
  Col v = prim<int32_t>("v", "i", {0, 1, 2, 3, 4, 5});
  v.array.offset = 1;
  v.array.length = 5;
  Col f = boolean("f", {false, true, false, true, true, false});
  f.array.offset = 1;
  f.array.length = 5;
  Col s = strings("s", {"z", "a", "b", std::nullopt, "d", "e"});
  s.array.offset = 1;
  s.array.length = 5;
  auto [sch, arr] = record_batch_with({v, f, s});
  arr.offset = 2;
  arr.length = 3;
  EXPECT_EQ(test::render(*Table::from_batch(import_arrow(&sch, &arr, nullptr), {})),
            R"(v:integer,f:boolean,s:string {"v":[3,4,5],"f":[true,true,false],"s":[null,"d","e"]})");
}

TEST(ArrowImport, MalformedArraysAreErrorsAndStillReleased) {
  struct Bad {
    const char* what;
    std::function<void(Col&)> breaks;
  };
  std::vector<Bad> bads = {
      {"buffer count", [](Col& c) { c.array.n_buffers = 1; }},
      {"null data buffer", [](Col& c) { const_cast<const void**>(c.array.buffers)[1] = nullptr; }},
      {"negative length", [](Col& c) { c.array.length = -1; }},
      {"negative offset", [](Col& c) { c.array.offset = -3; }},
      {"decreasing offsets", [](Col& c) { const_cast<int32_t*>(static_cast<const int32_t*>(c.array.buffers[1]))[1] = 9; }},
      {"unknown format", [](Col& c) { c.schema.format = "?!"; }},
  };
  for (Bad& bad : bads) {
    int releases = 0;
    Col c = strings("a", {"xy", "z"});
    bad.breaks(c);
    auto [s, a] = record_batch_with({c}, &releases);
    EXPECT_THROW(import_arrow(&s, &a, nullptr), Error) << bad.what;
    EXPECT_EQ(releases, 1) << bad.what;
    EXPECT_EQ(a.release, nullptr) << bad.what;
  }
  {
    int releases = 0;
    auto [s, a] = record_batch_with({strings("a", {"xy", "z"})}, &releases);
    a.children[0]->length = 1;  // shorter than the batch
    EXPECT_THROW(import_arrow(&s, &a, nullptr), Error) << "short child";
    EXPECT_EQ(releases, 1);
  }
  {
    int releases = 0;
    Col d = dictionary("a", "c", {0, 5}, {"x"});
    auto [s, a] = record_batch_with({d}, &releases);
    EXPECT_THROW(import_arrow(&s, &a, nullptr), Error) << "dictionary index out of range";
    EXPECT_EQ(releases, 1);
  }
  {
    int releases = 0;
    auto [s, a] = record_batch({prim<int32_t>("a", "i", {1})}, &releases);  // schema without children
    EXPECT_THROW(import_arrow(&s, &a, nullptr), Error);
    EXPECT_EQ(releases, 1);
  }
  {
    Col c = prim<int32_t>("a", "i", {1});
    int releases = 0;
    ArrowArray a = make_array(1, 0, {std::nullopt}, {c.array}, nullptr, &releases);
    EXPECT_THROW(import_arrow(&c.schema, &a, nullptr), Error) << "not a struct";
    EXPECT_EQ(releases, 1);
  }
  EXPECT_THROW(import_arrow(nullptr, nullptr, nullptr), Error);
}

namespace {

/// A stream over prepared batches; optionally fails at a given call.
struct TestStream {
  ArrowSchema schema;
  std::vector<ArrowArray> batches;
  size_t next = 0;
  int fail_at = -1;
  int* released;
};

ArrowArrayStream make_stream(TestStream* ts) {
  ArrowArrayStream s{};
  s.private_data = ts;
  s.get_schema = [](ArrowArrayStream* st, ArrowSchema* out) {
    auto* t = static_cast<TestStream*>(st->private_data);
    *out = t->schema;
    t->schema.release = nullptr;
    return 0;
  };
  s.get_next = [](ArrowArrayStream* st, ArrowArray* out) {
    auto* t = static_cast<TestStream*>(st->private_data);
    if (int(t->next) == t->fail_at) return 5;
    if (t->next == t->batches.size()) {
      out->release = nullptr;
      return 0;
    }
    *out = t->batches[t->next++];
    return 0;
  };
  s.get_last_error = [](ArrowArrayStream*) -> const char* { return "producer broke"; };
  s.release = [](ArrowArrayStream* st) {
    auto* t = static_cast<TestStream*>(st->private_data);
    for (size_t i = t->next; i < t->batches.size(); ++i) t->batches[i].release(&t->batches[i]);
    if (t->schema.release) t->schema.release(&t->schema);
    ++*t->released;
    st->release = nullptr;
  };
  return s;
}

}  // namespace

TEST(ArrowImport, StreamsConcatenateBatches) {
  int released = 0;
  TestStream ts{};
  ts.released = &released;
  auto [s1, a1] = record_batch_with({prim<int32_t>("n", "i", {1, 2}), strings("s", {"x", "y"})});
  auto [s2, a2] = record_batch_with({prim<int32_t>("n", "i", {3}), strings("s", {"y"})});
  s2.release(&s2);
  ts.schema = s1;
  ts.batches = {a1, a2};
  ArrowArrayStream st = make_stream(&ts);
  Batch b = import_arrow_stream(&st, nullptr);
  EXPECT_EQ(released, 1);
  EXPECT_EQ(st.release, nullptr);
  EXPECT_EQ(test::render(*Table::from_batch(std::move(b), {})), R"(n:integer,s:string {"n":[1,2,3],"s":["x","y","y"]})");

  TestStream empty{};
  empty.released = &released;
  auto [s3, a3] = record_batch_with({prim<int64_t>("n", "l", {})});
  a3.release(&a3);
  empty.schema = s3;
  ArrowArrayStream st2 = make_stream(&empty);
  Batch e = import_arrow_stream(&st2, nullptr);
  EXPECT_EQ(e.num_rows, 0u);
  ASSERT_EQ(e.columns.size(), 1u);
  EXPECT_TRUE(e.columns[0].column->wide());
  EXPECT_EQ(released, 2);
}

TEST(ArrowImport, StreamErrorsCarryTheProducersMessage) {
  int released = 0;
  TestStream ts{};
  ts.released = &released;
  auto [s1, a1] = record_batch_with({prim<int32_t>("n", "i", {1})});
  ts.schema = s1;
  ts.batches = {a1};
  ts.fail_at = 1;
  ArrowArrayStream st = make_stream(&ts);
  try {
    import_arrow_stream(&st, nullptr);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("producer broke"), std::string::npos);
  }
  EXPECT_EQ(released, 1);
}
