// std::sort exactly as the reference engine's C++ library runs it (LLVM
// libc++ 18 of the emscripten 3.1.58 toolchain that builds Perspective 3.8.0),
// for element types that are not arithmetic (Perspective sorts t_mselem rows),
// so the branchless and bitset-partition variants do not apply.
//
// Why a port: Perspective's row comparator for `desc abs` is not a strict weak
// order (equal cells tie-break by ascending pkey, unequal cells with the same
// |value| by descending pkey), so the order it produces depends on the exact
// sequence of comparisons and moves of the algorithm and on the input order.
// Reproducing it needs the same algorithm; for a strict weak order this gives
// the same result as any other sort.
//
// Behaviour facts (libc++ 18 __introsort): ranges of 0..5 elements use the
// fixed sort networks (__sort3/4/5 as insertion into a sorted prefix); ranges
// under 24 elements use insertion sort (unguarded when not leftmost); longer
// ranges pick a pivot by median-of-3 (first, middle, last - 1) or, above 128
// elements, Tukey's ninther, moved to the front; when the element left of the
// range is not less than the pivot, equal elements are partitioned to the left
// and the left part is skipped; otherwise a partition with equals on the right,
// and if that partition did no swap, an insertion sort that gives up after 8
// moves is tried on both sides. The recursion depth limit is 2*floor(log2 n),
// after which the range is heap sorted (make_heap + sort_heap with Floyd's
// sift-down).
//
// Unguarded loops read past the range when the comparator is inconsistent in
// ways a strict weak order cannot be; this port clamps them to the array (the
// reference reads neighbouring memory there, so such inputs cannot be matched
// anyway). Thread-safety: pure functions over the caller's array.
#pragma once
#include <cstddef>
#include <utility>

namespace parallax::libcxx {

template <class T, class Less>
void sort3(T* x, T* y, T* z, Less& c) {
  using std::swap;
  if (!c(*y, *x)) {
    if (!c(*z, *y)) return;
    swap(*y, *z);
    if (c(*y, *x)) swap(*x, *y);
    return;
  }
  if (c(*z, *y)) {
    swap(*x, *z);
    return;
  }
  swap(*x, *y);
  if (c(*z, *y)) swap(*y, *z);
}

template <class T, class Less>
void sort4(T* a, T* b, T* c3, T* d, Less& c) {
  using std::swap;
  sort3(a, b, c3, c);
  if (c(*d, *c3)) {
    swap(*c3, *d);
    if (c(*c3, *b)) {
      swap(*b, *c3);
      if (c(*b, *a)) swap(*a, *b);
    }
  }
}

template <class T, class Less>
void sort5(T* a, T* b, T* c3, T* d, T* e, Less& c) {
  using std::swap;
  sort4(a, b, c3, d, c);
  if (c(*e, *d)) {
    swap(*d, *e);
    if (c(*d, *c3)) {
      swap(*c3, *d);
      if (c(*c3, *b)) {
        swap(*b, *c3);
        if (c(*b, *a)) swap(*a, *b);
      }
    }
  }
}

/// Insertion sort; `lo` is the lowest index the inner loop may reach (the
/// range start when guarded, the array start when unguarded).
template <class T, class Less>
void insertion_sort(T* first, T* last, T* lo, Less& c) {
  if (first == last) return;
  for (T* i = first + 1; i != last; ++i) {
    T* j = i - 1;
    if (!c(*i, *j)) continue;
    T t(std::move(*i));
    T* k = j;
    j = i;
    do {
      *j = std::move(*k);
      j = k;
    } while (j != lo && c(t, *--k));
    *j = std::move(t);
  }
}

/// Insertion sort that gives up after 8 moves; true when the range is sorted.
template <class T, class Less>
bool insertion_sort_incomplete(T* first, T* last, Less& c) {
  using std::swap;
  switch (last - first) {
    case 0:
    case 1: return true;
    case 2:
      if (c(*(last - 1), *first)) swap(*first, *(last - 1));
      return true;
    case 3: sort3(first, first + 1, last - 1, c); return true;
    case 4: sort4(first, first + 1, first + 2, last - 1, c); return true;
    case 5: sort5(first, first + 1, first + 2, first + 3, last - 1, c); return true;
  }
  T* j = first + 2;
  sort3(first, first + 1, j, c);
  unsigned count = 0;
  for (T* i = j + 1; i != last; ++i) {
    if (c(*i, *j)) {
      T t(std::move(*i));
      T* k = j;
      j = i;
      do {
        *j = std::move(*k);
        j = k;
      } while (j != first && c(t, *--k));
      *j = std::move(t);
      if (++count == 8) return ++i == last;
    }
    j = i;
  }
  return true;
}

/// Partition around *first with elements equal to the pivot on the right.
/// Returns the pivot's final place and whether no element had to move.
template <class T, class Less>
std::pair<T*, bool> partition_equals_right(T* lo, T* hi, T* first, T* last, Less& c) {
  using std::swap;
  T* begin = first;
  T pivot(std::move(*first));
  do ++first; while (first + 1 < hi && c(*first, pivot));
  if (begin == first - 1) {
    while (first < last && !c(*--last, pivot)) {
    }
  } else {
    do --last; while (last > lo && !c(*last, pivot));
  }
  bool already = first >= last;
  while (first < last) {
    swap(*first, *last);
    do ++first; while (first + 1 < hi && c(*first, pivot));
    do --last; while (last > lo && !c(*last, pivot));
  }
  T* pivot_pos = first - 1;
  if (begin != pivot_pos) *begin = std::move(*pivot_pos);
  *pivot_pos = std::move(pivot);
  return {pivot_pos, already};
}

/// Partition around *first with elements equal to the pivot on the left;
/// returns the start of the part greater than the pivot.
template <class T, class Less>
T* partition_equals_left(T* lo, T* hi, T* first, T* last, Less& c) {
  using std::swap;
  T* begin = first;
  T pivot(std::move(*first));
  if (c(pivot, *(last - 1))) {
    do ++first; while (first + 1 < hi && !c(pivot, *first));
  } else {
    while (++first < last && !c(pivot, *first)) {
    }
  }
  if (first < last) {
    do --last; while (last > lo && c(pivot, *last));
  }
  while (first < last) {
    swap(*first, *last);
    do ++first; while (first + 1 < hi && !c(pivot, *first));
    do --last; while (last > lo && c(pivot, *last));
  }
  T* pivot_pos = first - 1;
  if (begin != pivot_pos) *begin = std::move(*pivot_pos);
  *pivot_pos = std::move(pivot);
  return first;
}

template <class T, class Less>
void sift_down(T* first, Less& c, ptrdiff_t len, ptrdiff_t start) {
  if (len < 2 || (len - 2) / 2 < start) return;
  ptrdiff_t child = 2 * start + 1;
  if (child + 1 < len && c(first[child], first[child + 1])) ++child;
  if (c(first[child], first[start])) return;
  T top(std::move(first[start]));
  do {
    first[start] = std::move(first[child]);
    start = child;
    if ((len - 2) / 2 < child) break;
    child = 2 * child + 1;
    if (child + 1 < len && c(first[child], first[child + 1])) ++child;
  } while (!c(first[child], top));
  first[start] = std::move(top);
}

template <class T, class Less>
void heap_sort(T* first, T* last, Less& c) {
  ptrdiff_t n = last - first;
  if (n > 1)
    for (ptrdiff_t start = (n - 2) / 2; start >= 0; --start) sift_down(first, c, n, start);
  for (; n > 1; --n, --last) {
    // pop_heap: Floyd's sift-down of the hole, then sift the moved last element up.
    T top(std::move(*first));
    T* hole = first;
    ptrdiff_t child = 0;
    do {
      T* ci = first + (2 * child + 1);
      child = 2 * child + 1;
      if (child + 1 < n && c(*ci, *(ci + 1))) {
        ++ci;
        ++child;
      }
      *hole = std::move(*ci);
      hole = ci;
    } while (child <= (n - 2) / 2);
    T* back = last - 1;
    if (hole == back) {
      *hole = std::move(top);
      continue;
    }
    *hole = std::move(*back);
    *back = std::move(top);
    ptrdiff_t idx = hole - first;
    if (idx > 0) {
      ptrdiff_t parent = (idx - 1) / 2;
      if (c(first[parent], *hole)) {
        T t(std::move(*hole));
        T* bottom = hole;
        do {
          *bottom = std::move(first[parent]);
          bottom = first + parent;
          if (parent == 0) break;
          parent = (parent - 1) / 2;
        } while (c(first[parent], t));
        *bottom = std::move(t);
      }
    }
  }
}

template <class T, class Less>
void introsort(T* lo, T* hi, T* first, T* last, Less& c, ptrdiff_t depth, bool leftmost) {
  using std::swap;
  constexpr ptrdiff_t kLimit = 24, kNinther = 128;
  while (true) {
    ptrdiff_t len = last - first;
    switch (len) {
      case 0:
      case 1: return;
      case 2:
        if (c(*(last - 1), *first)) swap(*first, *(last - 1));
        return;
      case 3: sort3(first, first + 1, last - 1, c); return;
      case 4: sort4(first, first + 1, first + 2, last - 1, c); return;
      case 5: sort5(first, first + 1, first + 2, first + 3, last - 1, c); return;
    }
    if (len < kLimit) {
      insertion_sort(first, last, leftmost ? first : lo, c);
      return;
    }
    if (depth == 0) {
      heap_sort(first, last, c);
      return;
    }
    --depth;
    ptrdiff_t half = len / 2;
    if (len > kNinther) {
      sort3(first, first + half, last - 1, c);
      sort3(first + 1, first + (half - 1), last - 2, c);
      sort3(first + 2, first + (half + 1), last - 3, c);
      sort3(first + (half - 1), first + half, first + (half + 1), c);
      swap(*first, *(first + half));
    } else {
      sort3(first + half, first, last - 1, c);
    }
    if (!leftmost && !c(*(first - 1), *first)) {
      first = partition_equals_left(lo, hi, first, last, c);
      continue;
    }
    auto [i, already] = partition_equals_right(lo, hi, first, last, c);
    if (already) {
      bool fs = insertion_sort_incomplete(first, i, c);
      if (insertion_sort_incomplete(i + 1, last, c)) {
        if (fs) return;
        last = i;
        continue;
      }
      if (fs) {
        first = i + 1;
        continue;
      }
    }
    introsort(lo, hi, first, i, c, depth, leftmost);
    leftmost = false;
    first = i + 1;
  }
}

/// std::sort(first, last, c) as libc++ 18 runs it for non-arithmetic types.
template <class T, class Less>
void sort(T* first, T* last, Less c) {
  if (first == last) return;
  size_t n = size_t(last - first);
  ptrdiff_t log2 = 0;
  while (n >>= 1) ++log2;
  introsort(first, last, first, last, c, 2 * log2, true);
}

}  // namespace parallax::libcxx
