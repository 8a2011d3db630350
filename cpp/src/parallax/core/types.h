// Logical column types, exactly Perspective's six, and their physical storage.
// Pure value types: no state, safe from any thread.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parallax {

/// Perspective's column types. Every column is nullable.
enum class DType : uint8_t { Boolean, Integer, Float, String, Date, Datetime };

/// Physical representation of one cell.
///   Boolean  -> uint8_t (0/1)          Integer -> int32_t, or int64_t when `wide`
///   Float    -> double                 String  -> int32_t dictionary code
///   Date     -> int32_t days since 1970-01-01 (Arrow date32)
///   Datetime -> int64_t ms since the epoch, UTC (Arrow timestamp[ms])
const char* dtype_name(DType t);
std::optional<DType> parse_dtype(std::string_view name);
/// Bytes per cell of the physical storage.
int dtype_width(DType t, bool wide);

/// Why a cell is null. Perspective keeps two kinds and orders them differently
/// (semantics T1): a null from table creation or a left-out key sorts below every
/// value; an explicit null sent through update() sorts above every value.
enum class NullKind : uint8_t { Valid = 0, CtorNull = 1, UpdateNull = 2 };

struct Field {
  std::string name;
  DType type;
  bool wide = false;  // Integer only: stored as int64
};
using Schema = std::vector<Field>;

}  // namespace parallax
