// Hand-written expression tests: batch boundaries, scattered rids, both null
// kinds, concurrent evaluate() calls, unsupported features' errors, and a
// DISABLED_ benchmark (ns/row over 1M rows and 100 scattered rids).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <thread>

#include "expr_test_source.h"
#include "parallax/core/error.h"
#include "parallax/expr/expression.h"

namespace parallax {
namespace {

using expr::Expression;

expr_test::MapSource make_source(size_t n) {
  expr_test::MapSource src;
  src.add("x", DType::Integer);
  src.add("y", DType::Float);
  src.add("s", DType::String);
  src.add("dt", DType::Datetime);
  for (const char* c : {"x", "y", "s", "dt"}) src.col(c).resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (i % 97 == 5) src.col("x").set_null(i, i % 2 ? NullKind::UpdateNull : NullKind::CtorNull);
    else src.col("x").set_int(i, int64_t(i % 1000) - 500);
    src.col("y").set<double>(i, double(i) * 0.25);
    src.col("s").set_string(i, i % 3 == 0 ? "a" : i % 3 == 1 ? "bb" : "ccc");
    src.col("dt").set<int64_t>(i, 1700000000000 + int64_t(i) * 61000);
  }
  return src;
}

std::shared_ptr<const Expression> compile(const expr_test::MapSource& src, const char* text) {
  return Expression::compile(text, src.lookup());
}

TEST(ExprEval, BatchBoundariesAndScatteredRids) {
  const size_t n = 5000;
  auto src = make_source(n);
  auto e = compile(src, "\"x\" * 2 + \"y\"");
  ASSERT_EQ(e->type(), DType::Float);
  EXPECT_EQ(e->inputs(), (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(e->row_local());
  for (size_t count : {size_t(1), size_t(1023), size_t(1024), size_t(1025), size_t(2049), n}) {
    std::vector<uint32_t> rids(count);
    std::mt19937 rng{unsigned(count)};
    for (auto& r : rids) r = uint32_t(rng() % n);
    Column out(DType::Float);
    out.resize(n);
    e->evaluate(src, rids.data(), rids.size(), out, {});
    for (uint32_t r : rids) {
      if (!src.col("x").is_valid(r)) {
        EXPECT_EQ(out.null_kind(r), NullKind::CtorNull) << r;  // expression nulls are creation nulls
        continue;
      }
      EXPECT_DOUBLE_EQ(out.get<double>(r), double(src.col("x").get_int(r)) * 2 + src.col("y").get<double>(r)) << r;
    }
  }
}

TEST(ExprEval, NullKindsOrderComparisons) {
  expr_test::MapSource src;
  src.add("i", DType::Integer);
  src.col("i").resize(3);
  src.col("i").set_int(0, 5);
  src.col("i").set_null(1, NullKind::CtorNull);
  src.col("i").set_null(2, NullKind::UpdateNull);
  auto e = compile(src, "\"i\" < integer(3)");
  Column out(DType::Boolean);
  out.resize(3);
  std::vector<uint32_t> rids{0, 1, 2};
  e->evaluate(src, rids.data(), 3, out, {});
  EXPECT_EQ(out.get<uint8_t>(0), 0);
  EXPECT_EQ(out.get<uint8_t>(1), 1);  // a creation null sorts below values
  EXPECT_EQ(out.get<uint8_t>(2), 0);  // an update null sorts above them
}

TEST(ExprEval, ConcurrentEvaluate) {
  const size_t n = 20000;
  auto src = make_source(n);
  auto e = compile(src, "var t := 0; for (var k := 0; k < 3; k += 1) { t += \"y\" }; if (\"x\" > integer(0)) { t } else { -t }");
  std::vector<uint32_t> rids(n);
  std::iota(rids.begin(), rids.end(), 0u);
  Column want(DType::Float);
  want.resize(n);
  e->evaluate(src, rids.data(), n, want, {});
  std::vector<Column> outs(4, Column(DType::Float));
  std::vector<std::thread> threads;
  for (auto& o : outs) {
    o.resize(n);
    threads.emplace_back([&] { e->evaluate(src, rids.data(), n, o, {}); });
  }
  for (auto& t : threads) t.join();
  for (auto& o : outs)
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(o.get<double>(i), want.get<double>(i)) << i;
  EXPECT_DOUBLE_EQ(want.get<double>(7), 3 * 7 * 0.25 * (src.col("x").get_int(7) > 0 ? 1 : -1));
}

TEST(ExprEval, UnsupportedFeaturesFailClearly) {
  auto src = make_source(1);
  for (const char* text : {"match(\"s\", 'a')", "replace_all(\"s\", 'a', 'b')", "vlookup('x', integer(1))", "var v[2]; v[0]",
                           "true & false", "clamp(0, \"y\", 1)"}) {
    expr::ExprError err;
    EXPECT_EQ(Expression::try_compile(text, src.lookup(), &err), nullptr) << text;
    EXPECT_NE(err.message.find("not supported"), std::string::npos) << text << ": " << err.message;
  }
  EXPECT_THROW(Expression::compile("\"nope\" + 1", src.lookup()), Error);
}

TEST(ExprEval, EndlessLoopIsCutShort) {
  auto src = make_source(4);
  auto e = compile(src, "var x := 0; while (true) { x += 1 }; x");
  std::vector<uint32_t> rids{0, 1, 2, 3};
  Column out(DType::Float);
  out.resize(4);
  e->evaluate(src, rids.data(), 4, out, {});
  EXPECT_GT(out.get<double>(0), 0);
}

TEST(ExprEval, NonRowLocalAndContext) {
  auto src = make_source(3);
  EXPECT_FALSE(compile(src, "random()")->row_local());
  auto e = compile(src, "now()");
  EXPECT_FALSE(e->row_local());
  expr::EvalContext ctx;
  ctx.now_ms = 1234567;
  Column out(DType::Datetime);
  out.resize(3);
  std::vector<uint32_t> rids{2, 0};
  e->evaluate(src, rids.data(), 2, out, ctx);
  EXPECT_EQ(out.get<int64_t>(2), 1234567);
  EXPECT_FALSE(out.is_valid(1));  // untouched
  auto idx = compile(src, "index()");
  ctx.pkey_of = [](uint32_t rid, Column& c, size_t row) { c.set_int(row, int64_t(rid) * 10); };
  Column o2(DType::Integer);
  o2.resize(3);
  idx->evaluate(src, rids.data(), 2, o2, ctx);
  EXPECT_EQ(o2.get_int(2), 20);
  EXPECT_TRUE(compile(src, "trunc(\"y\")")->wide());
}

double bench(const Expression& e, const expr_test::MapSource& src, const std::vector<uint32_t>& rids, int reps) {
  Column out(e.type(), e.wide());
  out.resize(src.column("x").size());
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r) e.evaluate(src, rids.data(), rids.size(), out, {});
  auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::nano>(t1 - t0).count() / double(reps) / double(rids.size());
}

TEST(ExprEval, DISABLED_Benchmark) {
  const size_t n = 1000000;
  auto src = make_source(n);
  std::vector<uint32_t> all(n);
  std::iota(all.begin(), all.end(), 0u);
  std::vector<uint32_t> few(100);
  std::mt19937 rng(7);
  for (auto& r : few) r = uint32_t(rng() % n);
  for (const char* text : {"\"x\" * 2 + \"y\"", "bucket(\"dt\", '15m')", "bucket(\"y\", 10)", "concat(\"s\", '-', \"s\")"}) {
    auto e = compile(src, text);
    double full = bench(*e, src, all, 5);
    double small = bench(*e, src, few, 2000);
    std::printf("%-28s 1M rows: %6.2f ns/row   100 scattered rids: %6.1f ns/row (%.2f us/call)\n", text, full, small,
                small * 100 / 1000);
  }
}

}  // namespace
}  // namespace parallax
