#include "parallax/load/json_cells.h"

#include <climits>
#include <string>

#include "parallax/core/error.h"
#include "parallax/load/datetime_parse.h"
#include "parallax/load/text_numbers.h"

namespace parallax::json_cells {

namespace {

[[noreturn]] void expected(const char* what, const JVal& v) {
  throw_invalid(std::string("Expected ") + what + ", found " + std::to_string(v.type_code()));
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x + 32);
    if (y >= 'A' && y <= 'Z') y = char(y + 32);
    if (x != y) return false;
  }
  return true;
}

}  // namespace

JVal JVal::of(simdjson::dom::element e) {
  using simdjson::dom::element_type;
  JVal v;
  switch (e.type()) {
    case element_type::NULL_VALUE: v.kind = Null; break;
    case element_type::BOOL: v.kind = e.get_bool().value() ? True : False; break;
    case element_type::OBJECT: v.kind = Object; break;
    case element_type::ARRAY: v.kind = Array; break;
    case element_type::STRING:
      v.kind = String;
      v.s = e.get_string().value();
      break;
    case element_type::INT64:
      v.kind = Number;
      v.i = e.get_int64().value();
      v.is_int64 = true;
      v.is_int = v.i >= INT32_MIN && v.i <= INT32_MAX;
      v.d = double(v.i);
      break;
    case element_type::UINT64:  // above INT64_MAX: rapidjson's "uint64 only" number
      v.kind = Number;
      v.d = double(e.get_uint64().value());
      break;
    case element_type::DOUBLE:
      v.kind = Number;
      v.is_double = true;
      v.d = e.get_double().value();
      break;
  }
  return v;
}

std::optional<DType> infer_type(const JVal& v) {
  switch (v.kind) {
    case JVal::Null: return std::nullopt;
    case JVal::False:
    case JVal::True: return DType::Boolean;
    case JVal::Object:
    case JVal::Array: throw_invalid("Unknown JSON type");
    case JVal::Number:
      if (v.is_int64) return v.i > INT32_MAX ? DType::Float : DType::Integer;
      return DType::Float;
    case JVal::String: {
      std::string_view s = c_string(v.s);
      if (s.empty()) return DType::String;
      if (iequals(s, "true") || iequals(s, "false")) return DType::Boolean;
      if (c_strtol32(s)) return DType::Integer;
      if (c_strtof(s)) return DType::Float;
      switch (infer_json_temporal(s)) {
        case 1: return DType::Date;
        case 2: return DType::Datetime;
        default: return DType::String;
      }
    }
  }
  return DType::String;
}

std::string to_text(const JVal& v) {
  switch (v.kind) {
    case JVal::Null: return "";
    case JVal::False: return "false";
    case JVal::True: return "true";
    case JVal::Object: throw_invalid("Cannot coerce object to string");
    case JVal::Array: throw_invalid("Cannot coerce array to string");
    case JVal::String: return std::string(v.s);
    case JVal::Number:
      if (v.is_int64) return std::to_string(v.i);
      if (v.is_double) return std::to_string(v.d);  // "%f": 2.5 -> "2.500000"
      break;
  }
  throw_invalid("Could not coerce " + std::to_string(v.type_code()) + " to a string");
}

ColumnBuilder::ColumnBuilder(std::string name, DType type, bool wide, size_t rows, bool update, bool track_present)
    : name_(std::move(name)), col_(std::make_shared<Column>(type, wide)), rows_(rows), update_(update) {
  col_->resize_exact(rows);
  if (track_present) {
    present_ = std::make_shared<Buffer>();
    present_->resize_exact(bits::bytes_for(rows));
  }
}

void ColumnBuilder::grow(size_t n) {
  if (n <= rows_) return;
  col_->resize(n);
  if (present_) present_->resize(bits::bytes_for(n));
  rows_ = n;
}

void ColumnBuilder::mark_present(size_t row) {
  if (present_) bits::set(present_->data(), row);
}

void ColumnBuilder::put(size_t row, const JVal& v) {
  std::optional<DType> want = fill(row, v);
  if (!want) return;
  if (update_)
    throw_invalid(std::string("Cannot append value of type ") + dtype_name(*want) + " to column of type " +
                  dtype_name(col_->type()));
  promote(*want, row);
  fill(row, v);
}

void ColumnBuilder::promote(DType to, size_t limit) {
  // Only int32 columns promote. Every row before `limit` becomes a valid value
  // of the new type, nulls included (their storage is 0): the "0" quirk (T19).
  auto out = std::make_shared<Column>(to);
  out->resize_exact(rows_);
  for (size_t r = 0; r < limit; ++r) {
    int32_t x = col_->get<int32_t>(r);
    if (to == DType::Float) out->set<double>(r, double(x));
    else out->set_string(r, std::to_string(x));
  }
  col_ = std::move(out);
}

std::optional<DType> ColumnBuilder::fill(size_t i, const JVal& v) {
  mark_present(i);
  Column& c = *col_;
  if (v.kind == JVal::Null) {
    c.set_null(i);  // the Table decides creation vs update null
    return std::nullopt;
  }
  switch (c.type()) {
    case DType::String:
      if (v.kind == JVal::String) c.set_string(i, v.s);
      else c.set_string(i, to_text(v));
      return std::nullopt;

    case DType::Integer:
      if (c.wide()) {
        // rapidjson GetInt() on an int64: the low 32 bits, sign-extended.
        if (v.is_int64) c.set_int(i, int64_t(int32_t(uint32_t(uint64_t(v.i)))));
        else if (v.is_double) return DType::Float;
        else if (v.kind == JVal::String) c.set_int(i, c_atoll(v.s));
        else expected("int64", v);
        return std::nullopt;
      }
      if (v.is_int) {
        c.set<int32_t>(i, int32_t(v.i));
        return std::nullopt;
      }
      if (v.is_int64) {
        if (v.i > INT32_MAX && !update_) return DType::Float;
        c.set<int32_t>(i, int32_t(uint32_t(uint64_t(v.i))));  // wraps (T8)
        return std::nullopt;
      }
      if (v.is_double) {
        if (!update_) return DType::Float;
        c.set<int32_t>(i, double_to_int32(v.d));
        return std::nullopt;
      }
      if (v.kind == JVal::String) {
        std::string_view s = c_string(v.s);
        if (s.empty()) {
          if (!update_) return DType::String;
          // Perspective clears the cell's status: the cell counts as not given.
          if (present_) bits::clear(present_->data(), i);
          return std::nullopt;
        }
        if (auto x = c_strtol32(s)) {
          c.set<int32_t>(i, *x);
          return std::nullopt;
        }
        if (auto f = c_strtof(s)) {
          if (!update_) return DType::Float;
          c.set<int32_t>(i, double_to_int32(*f));
          return std::nullopt;
        }
        return DType::String;
      }
      expected("int", v);

    case DType::Float:
      if (v.is_double || v.is_int64) c.set<double>(i, v.d);
      else if (v.kind == JVal::String) c.set<double>(i, c_atof(v.s));
      else expected("double", v);
      return std::nullopt;

    case DType::Boolean:
      if (v.kind == JVal::True || v.kind == JVal::False) c.set<uint8_t>(i, v.kind == JVal::True);
      else if (v.kind == JVal::String && iequals(c_string(v.s), "true")) c.set<uint8_t>(i, 1);
      else if (v.kind == JVal::String && iequals(c_string(v.s), "false")) c.set<uint8_t>(i, 0);
      else if (v.is_int) c.set<uint8_t>(i, v.i != 0);
      else expected("bool", v);
      return std::nullopt;

    case DType::Datetime:
      if (v.kind == JVal::String) {
        auto ms = parse_datetime_ms(c_string(v.s));
        if (!ms) throw_invalid("Could not coerce to time");
        c.set<int64_t>(i, *ms);
      } else if (v.is_double) {
        c.set<int64_t>(i, double_to_int64(v.d));
      } else if (v.is_int64) {
        c.set<int64_t>(i, v.i);
      } else {
        throw_invalid("Could not coerce " + std::to_string(v.type_code()) + " to a time.");
      }
      return std::nullopt;

    case DType::Date:
      if (v.kind == JVal::String) {
        auto d = parse_date_days(c_string(v.s));
        if (!d) throw_invalid("Could not coerce to date");
        c.set<int32_t>(i, *d);
      } else if (v.is_int64) {
        // localtime(ms / 1000): seconds truncated toward zero, then floored to a day.
        int64_t secs = v.i / 1000;
        int64_t days = secs / 86400 - (secs % 86400 < 0 ? 1 : 0);
        c.set<int32_t>(i, int32_t(days));
      } else {
        throw_invalid("Could not coerce to date");
      }
      return std::nullopt;
  }
  return std::nullopt;
}

BatchColumn ColumnBuilder::finish(size_t n) {
  col_->resize_exact(n);
  col_->shrink_to_fit();
  BatchColumn out{name_, col_, nullptr};
  if (present_) {
    present_->resize_exact(bits::bytes_for(n));
    // Keep the bitmap only when some cell was not given.
    if (bits::count(present_->data(), n) != n) out.present = present_;
  }
  return out;
}

}  // namespace parallax::json_cells
