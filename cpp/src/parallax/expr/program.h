// The compiled form of an expression: a flat list of instructions over typed
// batch registers, run column-at-a-time over batches of up to kBatch rows.
//
// Values follow the reference's scalar model: a type tag (VT, numbered as the
// reference's dtypes so that comparing tags orders types the same way) and a
// per-row status byte (kInvalid: a creation null, kValid, kClear: an update
// null; the reference orders nulls by these bytes). Physical value arrays:
//   Bool u8, I32 int32, I64 int64, F64 double, Date int32 days,
//   Time int64 ms, Str std::string_view (into column dictionaries, program
//   constants or the batch's arena).
//
// A Program is immutable after compilation and shared by every evaluate()
// call; each call owns a Frame (registers, arena, RNG), so concurrent calls
// never share mutable state.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parallax/core/column.h"
#include "parallax/core/types.h"

namespace parallax {
class ColumnSource;
}

namespace parallax::expr {

struct EvalContext;

inline constexpr size_t kBatch = 1024;

enum class VT : uint8_t { None = 0, I64 = 1, I32 = 2, F64 = 9, Bool = 11, Time = 12, Date = 13, Str = 19 };
inline constexpr uint8_t kInvalid = 0, kValid = 1, kClear = 2;

inline bool is_numeric(VT t) { return t == VT::I64 || t == VT::I32 || t == VT::F64; }
const char* vt_name(VT t);

/// Strings made while evaluating one batch; views stay valid until reset().
class Arena {
 public:
  std::string_view copy(std::string_view s);
  void reset() { used_ = 0; }

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::vector<size_t> sizes_;
  size_t chunk_ = 0, used_ = 0;
};

struct Frame;
struct Instr;
using Kernel = void (*)(const Instr&, Frame&);

/// Extra compile-time state a kernel needs (constant strings, tables...).
struct KernelData {
  virtual ~KernelData() = default;
};

enum class Ctl : uint8_t { Run, Jump, JumpIfNone };

struct Instr {
  Kernel fn = nullptr;
  Ctl ctl = Ctl::Run;
  int out = -1;
  std::vector<int> in;
  std::vector<VT> tin;  // types of `in`
  VT tout = VT::None;
  int mask = -1;    // Bool register limiting the rows written (assignments), -1: all
  int target = -1;  // jump target (instruction index)
  int column = -1;  // input column index (loads)
  double num = 0;
  int64_t ival = 0;
  std::shared_ptr<const KernelData> data;
};

struct Program {
  std::vector<VT> reg_types;
  std::vector<Instr> init;  // constants: run once per evaluate() over a full batch
  std::vector<Instr> loads;  // input gathers: run first in every batch
  std::vector<Instr> body;   // run per batch
  int result = -1;
  VT result_type = VT::None;
  std::vector<std::string> columns;  // input names, index = Instr::column
  std::deque<std::string> strings;   // constant strings (views point here)
};

struct Frame {
  size_t n = 0;  // rows in the current batch
  const uint32_t* rids = nullptr;
  const Column* const* columns = nullptr;
  const EvalContext* ctx = nullptr;
  std::vector<void*> vals;
  std::vector<uint8_t*> st;
  Arena arena;
  uint64_t rng = 0;
  std::unique_ptr<Column> pkeys;  // index(): the batch's primary keys

  template <class T> T* v(int r) const { return static_cast<T*>(vals[size_t(r)]); }
  uint8_t* s(int r) const { return st[size_t(r)]; }
};

/// Bytes of one value of type t in a register.
size_t vt_width(VT t);

}  // namespace parallax::expr
