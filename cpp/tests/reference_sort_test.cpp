// The ports behind reference tie order (view/libcxx_sort.h, view/reference_order.h).
// Expected orders of tied rows come from the reference via the `sort_ties` conformance
// cases; these tests check the ports' invariants.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

#include "parallax/view/libcxx_sort.h"
#include "parallax/view/reference_order.h"

namespace parallax {
namespace {

TEST(LibcxxSort, SortsLikeStdSortForStrictWeakOrders) {
  std::mt19937 rng(7);
  for (size_t n : {0, 1, 2, 3, 4, 5, 6, 23, 24, 25, 128, 129, 130, 1000, 5000}) {
    for (int spread : {3, 1000000}) {
      std::vector<int> v(n);
      for (auto& x : v) x = int(rng() % spread);
      std::vector<int> a = v, b = v;
      libcxx::sort(a.data(), a.data() + n, [](int x, int y) { return x < y; });
      std::sort(b.begin(), b.end());
      EXPECT_EQ(a, b) << "n=" << n;
      // Already sorted and reversed inputs (the partition shortcuts).
      libcxx::sort(a.data(), a.data() + n, [](int x, int y) { return x < y; });
      EXPECT_EQ(a, b);
      std::reverse(a.begin(), a.end());
      libcxx::sort(a.data(), a.data() + n, [](int x, int y) { return x < y; });
      EXPECT_EQ(a, b);
    }
  }
}

TEST(LibcxxSort, StaysInBoundsWithInconsistentComparators) {
  std::mt19937 rng(3);
  for (size_t n : {6, 30, 200, 3000}) {
    std::vector<uint32_t> v(n);
    std::iota(v.begin(), v.end(), 0u);
    std::shuffle(v.begin(), v.end(), rng);
    // Not a strict weak order: every pair is decided by a coin flip.
    libcxx::sort(v.data(), v.data() + n, [](uint32_t a, uint32_t b) { return ((a * 2654435761u) ^ b) & 1; });
    std::sort(v.begin(), v.end());
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(v[i], i);  // still a permutation
  }
}

TEST(ReferenceOrder, HopscotchOrderIsAPermutationAndDeterministic) {
  for (size_t n : {0, 1, 2, 3, 57, 58, 1000, 20000}) {
    std::vector<uint32_t> h(n);
    for (size_t i = 0; i < n; ++i) h[i] = reference::pkey_hash(uint32_t(i), reference::PkeyType::Int32);
    auto order = reference::hopscotch_order(h);
    ASSERT_EQ(order.size(), n);
    EXPECT_EQ(order, reference::hopscotch_order(h));
    std::sort(order.begin(), order.end());
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(order[i], i);
  }
  // Colliding hashes take the displacement and overflow paths.
  std::vector<uint32_t> same(500, 42u);
  auto order = reference::hopscotch_order(same);
  std::sort(order.begin(), order.end());
  for (size_t i = 0; i < same.size(); ++i) EXPECT_EQ(order[i], i);
}

}  // namespace
}  // namespace parallax
