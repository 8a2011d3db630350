#include "parallax/arrow/arrow_type.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

#include "parallax/core/error.h"

namespace parallax {

namespace {

[[noreturn]] void malformed(const std::string& column, const std::string& what) {
  throw_parse("Malformed Arrow array for column `" + column + "`: " + what);
}

ArrowKind kind(ArrowKind::Id id, const char* name) {
  ArrowKind k;
  k.id = id;
  k.name = name;
  return k;
}

ArrowKind parse_format(const char* f, const ArrowSchema* s) {
  std::string_view fmt(f);
  if (fmt.size() == 1) {
    switch (fmt[0]) {
      case 'n': return kind(ArrowKind::Null, "null");
      case 'b': return kind(ArrowKind::Bool, "bool");
      case 'c': return kind(ArrowKind::Int8, "int8");
      case 'C': return kind(ArrowKind::UInt8, "uint8");
      case 's': return kind(ArrowKind::Int16, "int16");
      case 'S': return kind(ArrowKind::UInt16, "uint16");
      case 'i': return kind(ArrowKind::Int32, "int32");
      case 'I': return kind(ArrowKind::UInt32, "uint32");
      case 'l': return kind(ArrowKind::Int64, "int64");
      case 'L': return kind(ArrowKind::UInt64, "uint64");
      case 'e': return kind(ArrowKind::Float16, "halffloat");
      case 'f': return kind(ArrowKind::Float32, "float");
      case 'g': return kind(ArrowKind::Float64, "double");
      case 'u': return kind(ArrowKind::Utf8, "utf8");
      case 'U': return kind(ArrowKind::LargeUtf8, "large_utf8");
      case 'z': return kind(ArrowKind::Binary, "binary");
      case 'Z': return kind(ArrowKind::LargeBinary, "large_binary");
    }
  }
  if (fmt == "tdD") return kind(ArrowKind::Date32, "date32");
  if (fmt == "tdm") return kind(ArrowKind::Date64, "date64");
  if (fmt.size() >= 4 && fmt.substr(0, 2) == "ts" && fmt[3] == ':') {
    ArrowKind k = kind(ArrowKind::Timestamp, "timestamp");
    switch (fmt[2]) {
      case 's': k.unit = 1; break;
      case 'm': k.unit = 1000; break;
      case 'u': k.unit = 1000000; break;
      case 'n': k.unit = 1000000000; break;
      default: throw_parse("Unknown Arrow format `" + std::string(fmt) + "`");
    }
    return k;  // the timezone is ignored, as Perspective does
  }
  if (fmt == "tts" || fmt == "ttm") return kind(ArrowKind::Other, "time32");
  if (fmt == "ttu" || fmt == "ttn") return kind(ArrowKind::Other, "time64");
  if (fmt.substr(0, 2) == "tD") return kind(ArrowKind::Other, "duration");
  if (fmt == "tiM") return kind(ArrowKind::Other, "month_interval");
  if (fmt == "tiD") return kind(ArrowKind::Other, "day_time_interval");
  if (fmt == "tin") return kind(ArrowKind::Other, "month_day_nano_interval");
  if (fmt.substr(0, 2) == "d:") {
    // d:precision,scale[,bitwidth]
    size_t commas = 0;
    for (char c : fmt) commas += c == ',';
    if (commas == 2) {
      std::string_view bw = fmt.substr(fmt.rfind(',') + 1);
      if (bw == "256") return kind(ArrowKind::Other, "decimal256");
      if (bw == "32") return kind(ArrowKind::Other, "decimal32");
      if (bw == "64") return kind(ArrowKind::Other, "decimal64");
      if (bw != "128") throw_parse("Unknown Arrow format `" + std::string(fmt) + "`");
    }
    return kind(ArrowKind::Decimal128, "decimal128");
  }
  if (fmt.substr(0, 2) == "w:") return kind(ArrowKind::Other, "fixed_size_binary");
  if (fmt == "+l") {
    if (s->n_children != 1 || !s->children || !s->children[0]) throw_parse("Arrow list schema without a child");
    ArrowKind k = kind(ArrowKind::List, "list");
    k.value = std::make_shared<ArrowKind>(parse_arrow_kind(s->children[0]));
    return k;
  }
  if (fmt == "+L") return kind(ArrowKind::Other, "large_list");
  if (fmt.substr(0, 3) == "+w:") return kind(ArrowKind::Other, "fixed_size_list");
  if (fmt == "+s") return kind(ArrowKind::Other, "struct");
  if (fmt == "+m") return kind(ArrowKind::Other, "map");
  if (fmt.substr(0, 3) == "+ud") return kind(ArrowKind::Other, "dense_union");
  if (fmt.substr(0, 3) == "+us") return kind(ArrowKind::Other, "sparse_union");
  if (fmt == "+r") return kind(ArrowKind::Other, "run_end_encoded");
  if (fmt == "vu") return kind(ArrowKind::Other, "utf8_view");
  if (fmt == "vz") return kind(ArrowKind::Other, "binary_view");
  if (fmt == "+vl") return kind(ArrowKind::Other, "list_view");
  if (fmt == "+vL") return kind(ArrowKind::Other, "large_list_view");
  throw_parse("Unknown Arrow format `" + std::string(fmt) + "`");
}

bool is_string_kind(ArrowKind::Id id) {
  return id == ArrowKind::Utf8 || id == ArrowKind::LargeUtf8 || id == ArrowKind::Binary || id == ArrowKind::LargeBinary;
}

int value_width(ArrowKind::Id id) {
  switch (id) {
    case ArrowKind::Int8: case ArrowKind::UInt8: return 1;
    case ArrowKind::Int16: case ArrowKind::UInt16: case ArrowKind::Float16: return 2;
    case ArrowKind::Int32: case ArrowKind::UInt32: case ArrowKind::Float32: case ArrowKind::Date32: return 4;
    case ArrowKind::Int64: case ArrowKind::UInt64: case ArrowKind::Float64: case ArrowKind::Date64:
    case ArrowKind::Timestamp: return 8;
    case ArrowKind::Decimal128: return 16;
    default: return 0;
  }
}

/// Buffer count and presence: data buffers (all but validity) must exist
/// whenever there are rows, except `may_be_empty` (a string array's bytes,
/// which may be null when every string is empty).
void check_buffers(const ArrowArray* a, int64_t need, int64_t rows, const std::string& col, int64_t may_be_empty = -1) {
  if (a->n_buffers != need) malformed(col, "expected " + std::to_string(need) + " buffers, got " + std::to_string(a->n_buffers));
  if (need > 0 && !a->buffers) malformed(col, "buffers pointer is null");
  for (int64_t i = 1; i < need; ++i)
    if (rows > 0 && !a->buffers[i] && i != may_be_empty) malformed(col, "buffer " + std::to_string(i) + " is null");
}

/// Checks offsets [first, first + rows] are non-decreasing and start at >= 0;
/// returns the last offset (the extent of the data / child array used).
template <class Off>
int64_t check_offsets(const ArrowArray* a, int64_t first, int64_t rows, const std::string& col) {
  const Off* o = static_cast<const Off*>(a->buffers[1]);
  if (rows == 0) return 0;
  if (o[first] < 0) malformed(col, "negative offset");
  for (int64_t i = first; i < first + rows; ++i)
    if (o[i + 1] < o[i]) malformed(col, "offsets are not increasing");
  return int64_t(o[first + rows]);
}

}  // namespace

ArrowKind parse_arrow_kind(const ArrowSchema* s) {
  if (!s || !s->format) throw_parse("Arrow schema without a format");
  if (s->n_children < 0 || (s->n_children > 0 && !s->children)) throw_parse("Arrow schema has bad children");
  ArrowKind k = parse_format(s->format, s);
  if (!s->dictionary) return k;
  // Dictionary: the format is the index type.
  ArrowKind d = kind(ArrowKind::Dictionary, "dictionary");
  switch (k.id) {
    case ArrowKind::Int8: d.index_width = 1; break;
    case ArrowKind::UInt8: d.index_width = 1; d.index_unsigned = true; break;
    case ArrowKind::Int16: d.index_width = 2; break;
    case ArrowKind::UInt16: d.index_width = 2; d.index_unsigned = true; break;
    case ArrowKind::Int32: d.index_width = 4; break;
    case ArrowKind::UInt32: d.index_width = 4; d.index_unsigned = true; break;
    case ArrowKind::Int64: d.index_width = 8; break;
    case ArrowKind::UInt64: d.index_width = 8; d.index_unsigned = true; break;
    default: throw_parse("Arrow dictionary with non-integer indices `" + std::string(s->format) + "`");
  }
  d.value = std::make_shared<ArrowKind>(parse_arrow_kind(s->dictionary));
  if (!is_string_kind(d.value->id)) d.id = ArrowKind::Other;  // only string dictionaries load
  return d;
}

int64_t read_index(const uint8_t* idx, int width, bool is_unsigned, int64_t i) {
  switch (width) {
    case 1: return is_unsigned ? int64_t(idx[i]) : int64_t(int8_t(idx[i]));
    case 2: {
      uint16_t v;
      std::memcpy(&v, idx + i * 2, 2);
      return is_unsigned ? int64_t(v) : int64_t(int16_t(v));
    }
    case 4: {
      uint32_t v;
      std::memcpy(&v, idx + i * 4, 4);
      return is_unsigned ? int64_t(v) : int64_t(int32_t(v));
    }
    default: {
      uint64_t v;
      std::memcpy(&v, idx + i * 8, 8);
      return is_unsigned && v > uint64_t(INT64_MAX) ? -1 : int64_t(v);
    }
  }
}

void validate_arrow_array(const ArrowArray* a, const ArrowSchema* s, const ArrowKind& k, int64_t start,
                          int64_t rows, const std::string& col) {
  if (!a || !a->release) malformed(col, "array is missing or released");
  if (a->length < 0 || a->offset < 0 || rows < 0 || start < 0) malformed(col, "negative length or offset");
  if (start + rows > a->offset + a->length) malformed(col, "array is shorter than the batch");
  if (a->n_children < 0 || (a->n_children > 0 && !a->children)) malformed(col, "bad children");
  switch (k.id) {
    case ArrowKind::Null:
      if (a->n_buffers != 0 && a->n_buffers != 1) malformed(col, "null array with buffers");
      return;
    case ArrowKind::Bool:
      check_buffers(a, 2, rows, col);
      return;
    case ArrowKind::Utf8:
    case ArrowKind::Binary:
    case ArrowKind::LargeUtf8:
    case ArrowKind::LargeBinary: {
      check_buffers(a, 3, rows, col, 2);
      const bool large = k.id == ArrowKind::LargeUtf8 || k.id == ArrowKind::LargeBinary;
      const int64_t extent = !rows ? 0 : large ? check_offsets<int64_t>(a, start, rows, col) : check_offsets<int32_t>(a, start, rows, col);
      if (extent > 0 && !a->buffers[2]) malformed(col, "string data buffer is null");
      return;
    }
    case ArrowKind::Dictionary: {
      check_buffers(a, 2, rows, col);
      const ArrowArray* d = a->dictionary;
      if (!d || !s->dictionary) malformed(col, "dictionary array without its dictionary");
      validate_arrow_array(d, s->dictionary, *k.value, d->offset, d->length, col);
      const uint8_t* idx = static_cast<const uint8_t*>(a->buffers[1]);
      const uint8_t* valid = static_cast<const uint8_t*>(a->buffers[0]);
      for (int64_t i = start; i < start + rows; ++i) {
        if (valid && !((valid[i >> 3] >> (i & 7)) & 1)) continue;
        int64_t x = read_index(idx, k.index_width, k.index_unsigned, i);
        if (x < 0 || x >= d->length) malformed(col, "dictionary index out of range");
      }
      return;
    }
    case ArrowKind::List: {
      check_buffers(a, 2, rows, col);
      if (a->n_children != 1 || !a->children[0]) malformed(col, "list array without its child");
      if (!s->children || !s->children[0]) malformed(col, "list schema without its child");
      const ArrowArray* child = a->children[0];
      int64_t extent = rows ? check_offsets<int32_t>(a, start, rows, col) : 0;
      validate_arrow_array(child, s->children[0], *k.value, child->offset, extent, col);
      return;
    }
    default:
      if (value_width(k.id)) check_buffers(a, 2, rows, col);
      return;  // Other kinds are refused by the importer before any read
  }
}

namespace {

/// rapidjson Writer::Double text: shortest digits, Prettify's layout.
void append_rapidjson_double(std::string& out, double v) {
  if (std::isnan(v) || std::isinf(v)) return;  // rapidjson writes nothing (default flags)
  if (v == 0) {
    out += std::signbit(v) ? "-0.0" : "0.0";
    return;
  }
  if (v < 0) {
    out += '-';
    v = -v;
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, size_t(r.ptr - buf));
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int exp10 = std::atoi(std::string(sci.substr(e + 1)).c_str());
  const int length = int(digits.size());
  const int k = exp10 - (length - 1);  // value = digits * 10^k
  const int kk = length + k;
  if (0 <= k && kk <= 21) {
    out += digits;
    out.append(size_t(k), '0');
    out += ".0";
  } else if (0 < kk && kk <= 21) {
    out += digits.substr(0, size_t(kk));
    out += '.';
    out += digits.substr(size_t(kk));
  } else if (-6 < kk && kk <= 0) {
    out += "0.";
    out.append(size_t(-kk), '0');
    out += digits;
  } else if (kk < -324) {
    out += "0.0";
  } else {
    out += digits[0];
    if (length > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += std::to_string(kk - 1);
  }
}

void append_rapidjson_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += char(c);
        }
    }
  }
  out += '"';
}

}  // namespace

std::string list_text(const ArrowArray* a, const ArrowKind& k, int64_t row) {
  const int32_t* o = static_cast<const int32_t*>(a->buffers[1]);
  const ArrowArray* child = a->children[0];
  const ArrowKind& ek = *k.value;
  const int64_t b = o[row], e = o[row + 1];
  std::string out = "[";
  for (int64_t j = b; j < e; ++j) {
    if (j > b) out += ',';
    const int64_t p = child->offset + j;  // element nulls are written from their raw slots, as upstream
    const void* vals = child->buffers[1];
    switch (ek.id) {
      case ArrowKind::Bool: {
        const uint8_t* bm = static_cast<const uint8_t*>(vals);
        out += ((bm[p >> 3] >> (p & 7)) & 1) ? "true" : "false";
        break;
      }
      case ArrowKind::Int8: out += std::to_string(static_cast<const int8_t*>(vals)[p]); break;
      case ArrowKind::Int16: out += std::to_string(static_cast<const int16_t*>(vals)[p]); break;
      case ArrowKind::Int32: out += std::to_string(static_cast<const int32_t*>(vals)[p]); break;
      case ArrowKind::Int64: out += std::to_string(static_cast<const int64_t*>(vals)[p]); break;
      case ArrowKind::UInt8: out += std::to_string(static_cast<const uint8_t*>(vals)[p]); break;
      case ArrowKind::UInt16:
      case ArrowKind::Float16: out += std::to_string(static_cast<const uint16_t*>(vals)[p]); break;
      case ArrowKind::UInt32: out += std::to_string(static_cast<const uint32_t*>(vals)[p]); break;
      case ArrowKind::UInt64: out += std::to_string(static_cast<const uint64_t*>(vals)[p]); break;
      case ArrowKind::Float32: append_rapidjson_double(out, double(static_cast<const float*>(vals)[p])); break;
      case ArrowKind::Float64: append_rapidjson_double(out, static_cast<const double*>(vals)[p]); break;
      case ArrowKind::Utf8: {
        const int32_t* so = static_cast<const int32_t*>(vals);
        const char* data = static_cast<const char*>(child->buffers[2]);
        append_rapidjson_string(out, std::string_view(data + so[p], size_t(so[p + 1] - so[p])));
        break;
      }
      default: throw_invalid("Given Unsupported type '" + ek.name + "'.");
    }
  }
  out += ']';
  return out;
}

}  // namespace parallax
