// The grouped aggregate kernels (aggregates/kernels.h) against naive scalar
// references, typed over every physical numeric type, at lengths 2^k - 2 ..
// 2^k + 2 and null rates 0, 0.1, 0.5 and 1, for identity runs (contiguous
// rids) and rid-list runs, with a fixed seed.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "parallax/view/aggregates/kernels.h"

using namespace parallax;
using namespace parallax::agg;

namespace {

template <class T>
struct Kernels : ::testing::Test {};
using PhysicalTypes = ::testing::Types<uint8_t, int32_t, int64_t, double>;
TYPED_TEST_SUITE(Kernels, PhysicalTypes);

struct Data {
  std::vector<uint8_t> valid;     // bitmap
  std::vector<uint32_t> groups;   // per run element
  std::vector<uint32_t> rids;     // a shuffled rid list
  size_t rows = 0;
};

template <class T>
std::vector<T> values(size_t n, std::mt19937_64& rng) {
  std::vector<T> v(n);
  for (auto& x : v) {
    if constexpr (std::is_same_v<T, double>) x = double(int64_t(rng() % 2001) - 1000) / 8.0;
    else if constexpr (std::is_same_v<T, uint8_t>) x = uint8_t(rng() % 2);
    else x = T(int64_t(rng() % 2001) - 1000);
  }
  return v;
}

Data make_data(size_t n, double null_rate, uint32_t groups, std::mt19937_64& rng) {
  Data d;
  d.rows = n + 3;  // rows beyond the run, so offsets matter
  d.valid.assign(bits::bytes_for(d.rows) + 8, 0);
  std::bernoulli_distribution is_null(null_rate);
  for (size_t r = 0; r < d.rows; ++r)
    if (!is_null(rng)) bits::set(d.valid.data(), r);
  d.groups.resize(n);
  for (auto& g : d.groups) g = uint32_t(rng() % groups);
  d.rids.resize(n);
  for (size_t i = 0; i < n; ++i) d.rids[i] = uint32_t(i + 3);
  std::shuffle(d.rids.begin(), d.rids.end(), rng);
  return d;
}

}  // namespace

TYPED_TEST(Kernels, GroupedSumAndCountMatchNaive) {
  using T = TypeParam;
  using Acc = std::conditional_t<std::is_same_v<T, double>, double, int64_t>;
  std::mt19937_64 rng(20240601);
  const uint32_t kGroups = 7;
  for (int k = 1; k <= 12; ++k) {
    for (long delta = -2; delta <= 2; ++delta) {
      long len = (1L << k) + delta;
      if (len < 0) continue;
      size_t n = size_t(len);
      for (double rate : {0.0, 0.1, 0.5, 1.0}) {
        Data d = make_data(n, rate, kGroups, rng);
        std::vector<T> v = values<T>(d.rows, rng);
        for (bool identity : {true, false}) {
          RowRun run;
          run.rids = identity ? nullptr : d.rids.data();
          run.first = 3;
          run.n = n;
          for (bool declared_nulls : {true, false}) {
            if (!declared_nulls && rate > 0) continue;  // "no nulls" is only a promise when true
            std::vector<Acc> sum(kGroups, Acc(0)), naive(kGroups, Acc(0));
            std::vector<int64_t> cnt(kGroups, 0), naive_cnt(kGroups, 0);
            grouped_sum<T, Acc>(v.data(), d.valid.data(), declared_nulls, run, d.groups.data(), sum.data());
            grouped_count_valid<int64_t>(d.valid.data(), declared_nulls, run, d.groups.data(), cnt.data());
            for (size_t i = 0; i < n; ++i) {
              uint32_t r = identity ? uint32_t(3 + i) : d.rids[i];
              if (!bits::get(d.valid.data(), r)) continue;
              naive[d.groups[i]] += Acc(v[r]);
              ++naive_cnt[d.groups[i]];
            }
            for (uint32_t g = 0; g < kGroups; ++g) {
              EXPECT_EQ(sum[g], naive[g]) << "len " << n << " rate " << rate << " identity " << identity;
              EXPECT_EQ(cnt[g], naive_cnt[g]) << "len " << n << " rate " << rate;
            }
            // Retraction is the exact inverse.
            grouped_sum<T, Acc, true>(v.data(), d.valid.data(), declared_nulls, run, d.groups.data(), sum.data());
            grouped_count_valid<int64_t, true>(d.valid.data(), declared_nulls, run, d.groups.data(), cnt.data());
            for (uint32_t g = 0; g < kGroups; ++g) {
              if constexpr (std::is_same_v<Acc, double>) EXPECT_NEAR(sum[g], 0.0, 1e-6);
              else EXPECT_EQ(sum[g], 0);
              EXPECT_EQ(cnt[g], 0);
            }
          }
        }
      }
    }
  }
}
