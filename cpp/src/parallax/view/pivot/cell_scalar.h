// A result cell as get_min_max reports it: numbers and booleans as they are,
// strings, and dates / datetimes as text (semantics 4.2).
#pragma once
#include "parallax/core/column.h"
#include "parallax/core/scalar.h"

namespace parallax {

/// Cell i of `c` (valid) as a Scalar. Dates print like the reference's
/// formatter, which zero-pads the year's text to four characters, so the
/// year -1 of the packed date 0 reads "00-1-12-31".
Scalar cell_scalar(const Column& c, size_t i);

}  // namespace parallax
