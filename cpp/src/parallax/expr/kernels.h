// Kernels used by the compiler beyond those compiler.h exposes to the
// function library. See kernels_core.cpp.
#pragma once
#include "parallax/expr/program.h"

namespace parallax::expr {

/// The reference's raw value of a date: (year << 16) | (month0 << 8) | day.
double date_packed(int32_t days);

namespace kernels {
void mask_and(const Instr& I, Frame& F);
void mask_and_not(const Instr& I, Frame& F);
void mask_not(const Instr& I, Frame& F);
void mask_narrow(const Instr& I, Frame& F);
void negate(const Instr& I, Frame& F);
void positive(const Instr& I, Frame& F);
void add(const Instr& I, Frame& F);
void sub(const Instr& I, Frame& F);
void mul(const Instr& I, Frame& F);
void div(const Instr& I, Frame& F);
void mod(const Instr& I, Frame& F);
void pow(const Instr& I, Frame& F);
void eq(const Instr& I, Frame& F);
void ne(const Instr& I, Frame& F);
void lt(const Instr& I, Frame& F);
void le(const Instr& I, Frame& F);
void gt(const Instr& I, Frame& F);
void ge(const Instr& I, Frame& F);
void logic(const Instr& I, Frame& F);
void load(const Instr& I, Frame& F);
void index(const Instr& I, Frame& F);
/// F64 -> I64 toward zero (trunc(), datetime(ms)); beyond the int64 range it saturates.
void truncate_to_i64(const Instr& I, Frame& F);
}  // namespace kernels
}  // namespace parallax::expr
