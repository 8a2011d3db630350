// The libc++ nth_element port (aggregates/libcxx_nth_element.h): ordinary
// selection invariants on random inputs, and the element it leaves before
// the pivot, which the reference's float quantiles average with.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "parallax/view/aggregates/libcxx_nth_element.h"

using namespace parallax::agg;

TEST(LibcxxNthElement, SelectsTheNthSmallest) {
  std::mt19937 rng(7);
  for (int n = 0; n <= 70; ++n) {
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<int> v(static_cast<size_t>(n));
      for (auto& x : v) x = int(rng() % (trial % 2 ? 5 : 1000));  // with and without many duplicates
      std::vector<int> sorted = v;
      std::sort(sorted.begin(), sorted.end());
      for (int k = 0; k < n; ++k) {
        std::vector<int> w = v;
        libcxx::nth_element(w.data(), w.data() + k, w.data() + n, [](int a, int b) { return a < b; });
        ASSERT_EQ(w[size_t(k)], sorted[size_t(k)]) << "n " << n << " k " << k;
        for (int i = 0; i < k; ++i) ASSERT_LE(w[size_t(i)], w[size_t(k)]);
        for (int i = k + 1; i < n; ++i) ASSERT_GE(w[size_t(i)], w[size_t(k)]);
        std::sort(w.begin(), w.end());
        ASSERT_EQ(w, sorted);  // a permutation
      }
    }
  }
}

TEST(LibcxxNthElement, LeavesTheReferencesNeighbourBeforeThePivot) {
  // The f values of the rows whose s2 is null in the conformance dataset, in
  // pkey order. Perspective 3.8's q1 of them is 294.415 = (136.41 + 452.42) / 2,
  // not the mean of the 2nd and 3rd smallest (399.325).
  std::vector<double> v = {690.49, 136.41, 681.8, 801.42, 346.23, 844.24, 510.11, 452.42};
  libcxx::nth_element(v.data(), v.data() + 2, v.data() + v.size(), [](double a, double b) { return a < b; });
  EXPECT_EQ(v[2], 452.42);
  EXPECT_EQ(v[1], 136.41);
  EXPECT_DOUBLE_EQ((v[1] + v[2]) / 2, 294.415);
}
