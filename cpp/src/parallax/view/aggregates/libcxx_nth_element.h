// std::nth_element exactly as the reference engine's C++ library runs it
// (LLVM libc++ 18, the emscripten 3.1.58 toolchain of Perspective 3.8.0).
//
// Why a port: the reference computes median / q1 / q3 of float columns as
// (*nth + *(nth - 1)) / 2 right after nth_element, and *(nth - 1) is whatever
// element the algorithm left there, not the (k-1)-th smallest. Matching its
// results (e.g. q1 of 8 values) needs the same algorithm, the same comparator
// and the same input order. Only the parts the non-arithmetic value type of the
// reference uses are ported (no branchless variants).
#pragma once
#include <cstddef>
#include <utility>

namespace parallax::agg::libcxx {

/// Sorts x, y, z; returns the number of swaps (libc++ __sort3).
template <class T, class Less>
unsigned sort3(T* x, T* y, T* z, Less& c) {
  using std::swap;
  unsigned r = 0;
  if (!c(*y, *x)) {
    if (!c(*z, *y)) return r;
    swap(*y, *z);
    r = 1;
    if (c(*y, *x)) {
      swap(*x, *y);
      r = 2;
    }
    return r;
  }
  if (c(*z, *y)) {
    swap(*x, *z);
    return 1;
  }
  swap(*x, *y);
  r = 1;
  if (c(*z, *y)) {
    swap(*y, *z);
    r = 2;
  }
  return r;
}

template <class T, class Less>
void selection_sort(T* first, T* last, Less& c) {
  using std::swap;
  T* lm1 = last;
  for (--lm1; first != lm1; ++first) {
    T* m = first;  // std::min_element: the first smallest
    for (T* i = first + 1; i != last; ++i)
      if (c(*i, *m)) m = i;
    if (m != first) swap(*first, *m);
  }
}

template <class T, class Less>
void nth_element(T* first, T* nth, T* last, Less c) {
  using std::swap;
  const ptrdiff_t limit = 7;
  while (true) {
    if (nth == last) return;
    ptrdiff_t len = last - first;
    switch (len) {
      case 0:
      case 1:
        return;
      case 2:
        if (c(*--last, *first)) swap(*first, *last);
        return;
      case 3: {
        T* m = first;
        sort3(first, ++m, --last, c);
        return;
      }
    }
    if (len <= limit) {
      selection_sort(first, last, c);
      return;
    }
    T* m = first + len / 2;
    T* lm1 = last;
    unsigned n_swaps = sort3(first, m, --lm1, c);
    T* i = first;
    T* j = lm1;
    if (!c(*i, *m)) {
      // *first == *m: look for a guard for the downward moving j
      bool found = false;
      while (true) {
        if (i == --j) break;
        if (c(*j, *m)) {
          found = true;
          break;
        }
      }
      if (found) {
        swap(*i, *j);
        ++n_swaps;
      } else {
        // *first == *m <= every other element: partition into == *first and > *first
        ++i;
        j = last;
        if (!c(*first, *--j)) {
          while (true) {
            if (i == j) return;
            if (c(*first, *i)) {
              swap(*i, *j);
              ++n_swaps;
              ++i;
              break;
            }
            ++i;
          }
        }
        if (i == j) return;
        while (true) {
          while (!c(*first, *i)) ++i;
          do {
            --j;
          } while (c(*first, *j));
          if (i >= j) break;
          swap(*i, *j);
          ++n_swaps;
          ++i;
        }
        if (nth < i) return;
        first = i;
        continue;
      }
    }
    ++i;
    if (i < j) {
      while (true) {
        while (c(*i, *m)) ++i;
        do {
          --j;
        } while (!c(*j, *m));
        if (i >= j) break;
        swap(*i, *j);
        ++n_swaps;
        if (m == i) m = j;
        ++i;
      }
    }
    if (i != m && c(*m, *i)) {
      swap(*i, *m);
      ++n_swaps;
    }
    if (nth == i) return;
    if (n_swaps == 0) {
      // Already partitioned: check whether the side holding nth is sorted.
      bool sorted = true;
      if (nth < i) {
        j = m = first;
        while (++j != i) {
          if (c(*j, *m)) {
            sorted = false;
            break;
          }
          m = j;
        }
      } else {
        j = m = i;
        while (++j != last) {
          if (c(*j, *m)) {
            sorted = false;
            break;
          }
          m = j;
        }
      }
      if (sorted) return;
    }
    if (nth < i) {
      last = i;
    } else {
      first = ++i;
    }
  }
}

}  // namespace parallax::agg::libcxx
