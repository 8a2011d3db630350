// Arrow C Data Interface -> Batch (import half of arrow_bridge.h), with
// Perspective's Arrow loader rules (semantics 1.7): type mapping at creation,
// conversions into a table's schema on update.
//
// Ownership: the caller's ArrowArray is moved into an ImportedArray held by
// shared_ptr, and each imported column's child array is moved out of it into
// its own ImportedArray (the C Data Interface allows moving children; the
// parent's release then skips them). Columns that adopt buffers zero-copy keep
// their child's shared_ptr as the Buffer owner, so each producer release
// callback runs exactly once, when the last borrower goes (from whichever
// thread drops it), and children that were only read (strings, converted
// values) are released when the import returns instead of living as long as
// the table. The schema is only read during the import and released before
// returning.
//
// Zero-copy applies when the storage is identical (int32, int64/uint64,
// float64, date32, timestamp[ms]), the values are aligned and the column has
// no nulls (null slots of an Arrow array hold undefined bytes, and the engine
// keeps null cells zeroed). Validity bits are always copied (1/64 of the data).
#include <cmath>
#include <cstring>
#include <memory>
#include <set>
#include <string>

#include "parallax/arrow/arrow_bridge.h"
#include "parallax/arrow/arrow_type.h"
#include "parallax/core/datetime.h"
#include "parallax/core/error.h"
#include "parallax/core/parallel.h"
#include "parallax/load/string_intern.h"
#include "parallax/load/text_numbers.h"

namespace parallax {

namespace {

/// The moved-in ArrowArray; releasing it frees every child and buffer.
struct ImportedArray {
  ArrowArray array{};
  ~ImportedArray() {
    if (array.release) array.release(&array);
  }
};

struct SchemaGuard {
  ArrowSchema schema{};
  ~SchemaGuard() {
    if (schema.release) schema.release(&schema);
  }
};

/// Takes the caller's struct (its copy is marked released), validating nothing.
template <class T>
T take(T* src) {
  T out = *src;
  src->release = nullptr;
  return out;
}

/// One column of the incoming batch: its array, the rows it contributes
/// (physical index = start + i) and the owner of its memory.
struct Source {
  const ArrowArray* a;
  const ArrowSchema* s;
  ArrowKind kind;
  int64_t start;
  int64_t length;
  std::shared_ptr<void> owner;
  bool row_parallel = true;  // false when columns are already imported in parallel
};

/// fn(begin, end, chunk) over [0, n): in parallel row ranges, or as one range.
template <class F>
size_t for_rows(size_t n, bool parallel, F&& fn) {
  if (!parallel) {
    if (n) fn(size_t(0), n, 0);
    return 1;
  }
  parallel_for(n, 1 << 16, fn);
  return parallel_chunks(n, 1 << 16);
}

const uint8_t* buffer(const Source& src, int i) { return static_cast<const uint8_t*>(src.a->buffers[i]); }

/// Copies validity into a fresh, owned bitmap; nullptr when every cell is valid.
/// Perspective treats "null_count > 0 without a bitmap" as all null.
BufferPtr import_validity(const Source& src, size_t* nulls) {
  const int64_t n = src.length;
  const uint8_t* bm = src.a->n_buffers > 0 ? buffer(src, 0) : nullptr;
  *nulls = 0;
  if (n == 0) return nullptr;
  if (src.kind.id == ArrowKind::Null) {
    *nulls = size_t(n);
  } else if (!bm) {
    if (src.a->null_count > 0) *nulls = size_t(n);
    else return nullptr;
  }
  auto out = std::make_shared<Buffer>();
  out->resize_exact(bits::bytes_for(size_t(n)));
  if (*nulls == size_t(n) && (src.kind.id == ArrowKind::Null || !bm)) return out;
  if (src.a->null_count == 0) return nullptr;
  bits::copy(bm, size_t(src.start), out->data(), 0, size_t(n));
  *nulls = size_t(n) - bits::count(out->data(), size_t(n));
  if (*nulls == 0) return nullptr;
  // Bits past n stay clear: Column::resize relies on it when the table grows.
  return out;
}

template <class T>
const T* values(const Source& src) {
  return reinterpret_cast<const T*>(buffer(src, 1)) + src.start;
}

/// A column of `type` with n rows, validity applied and null cells zeroed.
ColumnPtr new_column(DType type, bool wide, size_t n, const BufferPtr& validity,
                     std::shared_ptr<Dictionary> dict = nullptr) {
  auto c = std::make_shared<Column>(type, wide, std::move(dict));
  c->resize_exact(n);
  if (n == 0) return c;
  if (validity) std::memcpy(c->mutable_validity(), validity->data(), validity->size());
  else std::memset(c->mutable_validity(), 0xff, bits::bytes_for(n));
  if (n & 7) c->mutable_validity()[n / 8] &= uint8_t((1u << (n & 7)) - 1);
  return c;
}

/// Writes convert(i) into every valid row of a fixed-width column.
template <class Out, class F>
ColumnPtr fill_fixed(DType type, bool wide, const Source& src, const BufferPtr& validity, F&& convert) {
  const size_t n = size_t(src.length);
  ColumnPtr c = new_column(type, wide, n, validity);
  Out* out = c->mutable_data<Out>();
  const uint8_t* v = c->validity();
  for (size_t i = 0; i < n; ++i)
    if (!validity || bits::get(v, i)) out[i] = convert(i);
  return c;
}

/// Zero-copy when allowed, else a copy with null cells zeroed.
template <class T>
ColumnPtr adopt_or_copy(DType type, bool wide, const Source& src, const BufferPtr& validity) {
  const T* p = values<T>(src);
  if (!validity && src.length > 0 && reinterpret_cast<uintptr_t>(p) % alignof(T) == 0) {
    auto c = std::make_shared<Column>(type, wide);
    c->adopt(std::make_shared<Buffer>(p, size_t(src.length) * sizeof(T), src.owner), nullptr, size_t(src.length));
    return c;
  }
  return fill_fixed<T>(type, wide, src, validity, [&](size_t i) {
    T x;
    std::memcpy(&x, p + i, sizeof(T));
    return x;
  });
}

/// Strings of a utf8 / binary array (32- or 64-bit offsets), interned in
/// parallel per row range and merged in order.
template <class Off>
ColumnPtr import_strings(const Source& src, const BufferPtr& validity) {
  const size_t n = size_t(src.length);
  ColumnPtr c = new_column(DType::String, false, n, validity);
  const Off* off = reinterpret_cast<const Off*>(buffer(src, 1)) + src.start;
  const char* data = reinterpret_cast<const char*>(buffer(src, 2));
  const uint8_t* v = c->validity();
  int32_t* codes = c->mutable_data<int32_t>();
  const bool par = src.row_parallel;
  std::vector<ChunkDict> dicts(par ? parallel_chunks(n, 1 << 16) : 1);
  const size_t chunks = for_rows(n, par, [&](size_t b, size_t e, int k) {
    ChunkDict& d = dicts[size_t(k)];
    for (size_t i = b; i < e; ++i)
      if (!validity || bits::get(v, i))
        codes[i] = d.intern(std::string_view(data + off[i], size_t(off[i + 1] - off[i])), true);
  });
  std::vector<std::vector<int32_t>> maps(chunks);
  bool all_identity = true;
  for (size_t k = 0; k < chunks; ++k) {
    maps[k] = merge_chunk_dict(dicts[k], *c->dict());
    all_identity = all_identity && is_identity(maps[k]);  // always true for the first chunk
  }
  if (!all_identity)
    for_rows(n, par, [&](size_t b, size_t e, int k) {
      const int32_t* m = maps[size_t(k)].data();
      if (is_identity(maps[size_t(k)])) return;
      for (size_t i = b; i < e; ++i)
        if (!validity || bits::get(v, i)) codes[i] = m[codes[i]];
    });
  return c;
}

/// Dictionary-encoded strings: every dictionary entry is interned in order (as
/// Perspective does), then indices are mapped; identity maps adopt int32
/// indices without copying.
ColumnPtr import_dictionary(const Source& src, const BufferPtr& validity) {
  const ArrowArray* dict = src.a->dictionary;
  const ArrowKind& vk = *src.kind.value;
  auto c = std::make_shared<Column>(DType::String);
  std::vector<int32_t> map(size_t(dict->length));
  bool identity = true;
  for (int64_t j = 0; j < dict->length; ++j) {
    const int64_t p = dict->offset + j;
    std::string_view s;
    if (vk.id == ArrowKind::LargeUtf8 || vk.id == ArrowKind::LargeBinary) {
      const int64_t* o = static_cast<const int64_t*>(dict->buffers[1]);
      s = {static_cast<const char*>(dict->buffers[2]) + o[p], size_t(o[p + 1] - o[p])};
    } else {
      const int32_t* o = static_cast<const int32_t*>(dict->buffers[1]);
      s = {static_cast<const char*>(dict->buffers[2]) + o[p], size_t(o[p + 1] - o[p])};
    }
    map[size_t(j)] = c->dict()->intern(s);
    identity = identity && map[size_t(j)] == int32_t(j);
  }
  const size_t n = size_t(src.length);
  const uint8_t* idx = buffer(src, 1);
  const int width = src.kind.index_width;
  if (identity && width == 4 && !src.kind.index_unsigned && !validity && n > 0 &&
      reinterpret_cast<uintptr_t>(idx) % 4 == 0) {
    c->adopt(std::make_shared<Buffer>(idx + src.start * 4, n * 4, src.owner), nullptr, n);
    return c;
  }
  ColumnPtr out = new_column(DType::String, false, n, validity, c->dict());
  int32_t* codes = out->mutable_data<int32_t>();
  const uint8_t* v = out->validity();
  for (size_t i = 0; i < n; ++i) {
    if (validity && !bits::get(v, i)) continue;
    codes[i] = map[size_t(read_index(idx, width, src.kind.index_unsigned, src.start + int64_t(i)))];
  }
  return out;
}

/// Perspective's creation mapping of one Arrow column.
ColumnPtr import_column(const Source& src) {
  size_t nulls;
  BufferPtr validity = import_validity(src, &nulls);
  const size_t n = size_t(src.length);
  switch (src.kind.id) {
    case ArrowKind::Int8: return fill_fixed<int32_t>(DType::Integer, false, src, validity, [&](size_t i) { return int32_t(values<int8_t>(src)[i]); });
    case ArrowKind::UInt8: return fill_fixed<int32_t>(DType::Integer, false, src, validity, [&](size_t i) { return int32_t(int8_t(values<uint8_t>(src)[i])); });
    case ArrowKind::Int16: return fill_fixed<int32_t>(DType::Integer, false, src, validity, [&](size_t i) { return int32_t(values<int16_t>(src)[i]); });
    case ArrowKind::UInt16: return fill_fixed<int32_t>(DType::Integer, false, src, validity, [&](size_t i) { return int32_t(int16_t(values<uint16_t>(src)[i])); });
    case ArrowKind::Int32:
    case ArrowKind::UInt32: return adopt_or_copy<int32_t>(DType::Integer, false, src, validity);
    case ArrowKind::Int64:
    case ArrowKind::UInt64: return adopt_or_copy<int64_t>(DType::Integer, true, src, validity);
    case ArrowKind::Decimal128:
      // Perspective keeps the unscaled integer (its low 64 bits).
      return fill_fixed<int64_t>(DType::Integer, true, src, validity, [&](size_t i) {
        int64_t lo;
        std::memcpy(&lo, buffer(src, 1) + (size_t(src.start) + i) * 16, 8);
        return lo;
      });
    case ArrowKind::Float32: return fill_fixed<double>(DType::Float, false, src, validity, [&](size_t i) { return double(values<float>(src)[i]); });
    case ArrowKind::Float64: return adopt_or_copy<double>(DType::Float, false, src, validity);
    case ArrowKind::Bool:
      return fill_fixed<uint8_t>(DType::Boolean, false, src, validity, [&](size_t i) { return uint8_t(bits::get(buffer(src, 1), size_t(src.start) + i)); });
    case ArrowKind::Date32: return adopt_or_copy<int32_t>(DType::Date, false, src, validity);
    case ArrowKind::Date64:
      return fill_fixed<int32_t>(DType::Date, false, src, validity, [&](size_t i) { return saturate_days(days_from_ms(values<int64_t>(src)[i])); });
    case ArrowKind::Timestamp:
      if (src.kind.unit == 1000) return adopt_or_copy<int64_t>(DType::Datetime, false, src, validity);
      return fill_fixed<int64_t>(DType::Datetime, false, src, validity, [&](size_t i) {
        int64_t x = values<int64_t>(src)[i];
        switch (src.kind.unit) {
          case 1: return int64_t(uint64_t(x) * 1000u);  // wraps like the reference's unchecked multiply
          case 1000000: return x / 1000;
          default: return x / 1000000;
        }
      });
    case ArrowKind::Utf8:
    case ArrowKind::Binary: return import_strings<int32_t>(src, validity);
    case ArrowKind::LargeUtf8: return import_strings<int64_t>(src, validity);
    case ArrowKind::Dictionary: return import_dictionary(src, validity);
    case ArrowKind::Null: return new_column(DType::String, false, n, validity);
    case ArrowKind::List: {
      ColumnPtr c = new_column(DType::String, false, n, validity);
      for (size_t i = 0; i < n; ++i)
        if (c->is_valid(i)) c->set_string(i, list_text(src.a, src.kind, src.start + int64_t(i)));
      return c;
    }
    default: break;
  }
  throw_invalid("Could not load arrow column of type `" + src.kind.name + "`");
}

/// Perspective's t_dtype name of an Arrow column (for update() mismatch messages).
const char* psp_source_type(const ArrowKind& k) {
  switch (k.id) {
    case ArrowKind::Int8: return "int8";
    case ArrowKind::UInt8: return "uint8";
    case ArrowKind::Int16: return "int16";
    case ArrowKind::UInt16: return "uint16";
    case ArrowKind::Int32: return "int32";
    case ArrowKind::UInt32: return "uint32";
    case ArrowKind::Int64:
    case ArrowKind::Decimal128: return "int64";
    case ArrowKind::UInt64: return "uint64";
    case ArrowKind::Float32: return "float32";
    case ArrowKind::Float64: return "float64";
    case ArrowKind::Bool: return "bool";
    case ArrowKind::Date32:
    case ArrowKind::Date64: return "date";
    case ArrowKind::Timestamp: return "datetime";
    default: return "str";
  }
}

const char* psp_target_type(const Field& f) {
  switch (f.type) {
    case DType::Integer: return f.wide ? "int64" : "int32";
    case DType::Float: return "float64";
    case DType::String: return "str";
    case DType::Boolean: return "bool";
    case DType::Date: return "date";
    case DType::Datetime: return "datetime";
  }
  return "?";
}

bool numeric_source(const ArrowKind& k) {
  switch (k.id) {
    case ArrowKind::Int8: case ArrowKind::UInt8: case ArrowKind::Int16: case ArrowKind::UInt16:
    case ArrowKind::Int32: case ArrowKind::UInt32: case ArrowKind::Int64: case ArrowKind::UInt64:
    case ArrowKind::Decimal128: case ArrowKind::Float32: case ArrowKind::Float64: return true;
    default: return false;
  }
}

/// Numeric cell i as Perspective's static_cast sees it (integer or double).
struct Num {
  bool is_float;
  int64_t i;
  uint64_t u;
  bool is_unsigned;
  double d;
};
Num numeric_at(const Source& src, size_t i) {
  Num x{false, 0, 0, false, 0};
  switch (src.kind.id) {
    case ArrowKind::Int8: x.i = values<int8_t>(src)[i]; break;
    case ArrowKind::Int16: x.i = values<int16_t>(src)[i]; break;
    case ArrowKind::Int32: x.i = values<int32_t>(src)[i]; break;
    case ArrowKind::Int64: x.i = values<int64_t>(src)[i]; break;
    case ArrowKind::UInt8: x.i = values<uint8_t>(src)[i]; break;
    case ArrowKind::UInt16: x.i = values<uint16_t>(src)[i]; break;
    case ArrowKind::UInt32: x.i = values<uint32_t>(src)[i]; break;
    case ArrowKind::UInt64: x.u = values<uint64_t>(src)[i]; x.is_unsigned = true; x.i = int64_t(x.u); break;
    case ArrowKind::Decimal128: std::memcpy(&x.i, buffer(src, 1) + (size_t(src.start) + i) * 16, 8); break;
    case ArrowKind::Float32: x.is_float = true; x.d = values<float>(src)[i]; break;
    case ArrowKind::Float64: x.is_float = true; x.d = values<double>(src)[i]; break;
    default: break;
  }
  return x;
}

/// One Arrow column converted into a table column's type (update()): same
/// Perspective type -> the creation import; numbers -> static_cast; else errors.
ColumnPtr convert_column(const Source& src, const Field& target) {
  if (std::string_view(psp_source_type(src.kind)) == psp_target_type(target)) return import_column(src);
  if (!numeric_source(src.kind))
    throw_invalid("Could not fill column `" + target.name + "` with t_dtype: `" + psp_target_type(target) +
                  "`, array type: `" + psp_source_type(src.kind) + "`");
  if (target.type != DType::Integer && target.type != DType::Float)
    throw_invalid("Could not fill arrow column `" + target.name + "` iteratively due to mismatched types.");
  size_t nulls;
  BufferPtr validity = import_validity(src, &nulls);
  if (target.type == DType::Float)
    return fill_fixed<double>(DType::Float, false, src, validity, [&](size_t i) {
      Num x = numeric_at(src, i);
      return x.is_float ? x.d : x.is_unsigned ? double(x.u) : double(x.i);
    });
  if (target.wide)
    return fill_fixed<int64_t>(DType::Integer, true, src, validity, [&](size_t i) {
      Num x = numeric_at(src, i);
      return x.is_float ? double_to_int64(x.d) : x.i;
    });
  return fill_fixed<int32_t>(DType::Integer, false, src, validity, [&](size_t i) {
    Num x = numeric_at(src, i);
    return x.is_float ? double_to_int32(x.d) : int32_t(uint32_t(uint64_t(x.i)));
  });
}


/// The column names of a struct schema, duplicates suffixed with '*' (as Perspective does).
std::vector<std::string> column_names(const ArrowSchema& s) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (int64_t i = 0; i < s.n_children; ++i) {
    std::string n = s.children[i]->name ? s.children[i]->name : "";
    while (seen.count(n)) n += '*';
    seen.insert(n);
    names.push_back(std::move(n));
  }
  return names;
}

const Field* find_field(const Schema* target, const std::string& name) {
  for (const Field& f : *target)
    if (f.name == name) return &f;
  return nullptr;
}

void check_struct_schema(const ArrowSchema& s) {
  if (!s.format || std::string_view(s.format) != "+s")
    throw_parse("Arrow import expects a struct array (a record batch), got format `" +
                std::string(s.format ? s.format : "") + "`");
  if (s.n_children < 0 || (s.n_children > 0 && !s.children)) throw_parse("Arrow schema has bad children");
  for (int64_t i = 0; i < s.n_children; ++i)
    if (!s.children[i]) throw_parse("Arrow schema has a null child");
}

/// Kinds of every column; any kind Perspective cannot load fails the whole
/// import, whether or not the column is used (ArrowLoader::initialize).
std::vector<ArrowKind> column_kinds(const ArrowSchema& s) {
  std::vector<ArrowKind> kinds;
  for (int64_t i = 0; i < s.n_children; ++i) {
    kinds.push_back(parse_arrow_kind(s.children[i]));
    const ArrowKind& k = kinds.back();
    if (k.id == ArrowKind::Other || k.id == ArrowKind::Float16 || k.id == ArrowKind::LargeBinary)
      throw_invalid("Could not load arrow column of type `" + k.name + "`");
  }
  return kinds;
}

Batch import_batch(const ArrowSchema& s, const std::shared_ptr<ImportedArray>& owner, const Schema* target) {
  check_struct_schema(s);
  const ArrowArray& a = owner->array;
  if (a.length < 0 || a.offset < 0) throw_parse("Malformed Arrow record batch: negative length or offset");
  if (a.n_children != s.n_children) throw_parse("Malformed Arrow record batch: schema and array disagree on columns");
  if (a.n_children > 0 && !a.children) throw_parse("Malformed Arrow record batch: children pointer is null");
  const std::vector<ArrowKind> kinds = column_kinds(s);
  const std::vector<std::string> names = column_names(s);
  struct Job {
    size_t index;
    const Field* target;
    Source src;
    ColumnPtr out;
    std::exception_ptr error;
  };
  std::vector<Job> jobs;
  for (int64_t i = 0; i < s.n_children; ++i) {
    const Field* f = target ? find_field(target, names[size_t(i)]) : nullptr;
    if (target && !f && names[size_t(i)] != "__INDEX__") continue;  // columns outside the schema are ignored
    ArrowArray* child = a.children[i];
    if (!child) throw_parse("Malformed Arrow record batch: a column array is null");
    if (child->offset < 0) throw_parse("Malformed Arrow array for column `" + names[size_t(i)] + "`: negative offset");
    std::shared_ptr<ImportedArray> child_owner = owner;  // a child without release stays with its parent
    if (child->release) {
      child_owner = std::make_shared<ImportedArray>();
      child_owner->array = take(child);
    }
    const ArrowArray* moved = child_owner == owner ? child : &child_owner->array;
    jobs.push_back({size_t(i), f, Source{moved, s.children[i], kinds[size_t(i)], moved->offset + a.offset, a.length, child_owner}, nullptr, nullptr});
  }
  // Columns are imported side by side when there are several (each one
  // single-threaded, which also avoids merging per-range string dictionaries);
  // a lone column uses row ranges instead.
  const bool by_column = jobs.size() > 1 && engine_threads() > 1;
  auto run = [&](Job& j) {
    try {
      j.src.row_parallel = !by_column;
      validate_arrow_array(j.src.a, j.src.s, j.src.kind, j.src.start, j.src.length, names[j.index]);
      j.out = j.target ? convert_column(j.src, *j.target) : import_column(j.src);
    } catch (...) {
      j.error = std::current_exception();
    }
  };
  if (by_column) {
    // Interning strings costs far more than adopting or converting fixed-width
    // values, so string columns are dealt out first, round-robin, and the rest
    // after them (contiguous ranges put three of trades' four string columns on
    // one thread).
    auto heavy = [&](const Job& j) {
      const ArrowKind::Id id = j.src.kind.id;
      return id == ArrowKind::Utf8 || id == ArrowKind::LargeUtf8 || id == ArrowKind::Binary || id == ArrowKind::Dictionary;
    };
    std::vector<size_t> order;
    for (size_t k = 0; k < jobs.size(); ++k)
      if (heavy(jobs[k])) order.push_back(k);
    for (size_t k = 0; k < jobs.size(); ++k)
      if (!heavy(jobs[k])) order.push_back(k);
    const size_t workers = parallel_chunks(jobs.size(), 1);
    parallel_for(workers, 1, [&](size_t b, size_t e, int) {
      for (size_t w = b; w < e; ++w)
        for (size_t k = w; k < order.size(); k += workers) run(jobs[order[k]]);
    });
  } else
    for (Job& j : jobs) run(j);
  Batch out;
  out.num_rows = size_t(a.length);
  for (Job& j : jobs) {
    if (j.error) std::rethrow_exception(j.error);  // the first failing column, deterministically
    out.columns.push_back({names[j.index], std::move(j.out), nullptr});
  }
  return out;
}

/// Concatenates batches of identical layout into exactly sized columns.
Batch concat_batches(std::vector<Batch>& parts) {
  if (parts.size() == 1) return std::move(parts[0]);
  Batch out;
  for (const Batch& b : parts) out.num_rows += b.num_rows;
  for (size_t c = 0; c < parts[0].columns.size(); ++c) {
    const Column& first = *parts[0].columns[c].column;
    auto col = std::make_shared<Column>(first.type(), first.wide());
    col->resize_exact(out.num_rows);
    size_t at = 0;
    for (const Batch& b : parts) {
      const Column& src = *b.columns[c].column;
      const size_t n = b.num_rows;
      if (n) bits::copy(src.validity(), 0, col->mutable_validity(), at, n);
      if (src.type() == DType::String) {
        std::vector<int32_t> map(size_t(src.dict() ? src.dict()->size() : 0), -1);
        for (size_t i = 0; i < n; ++i) {
          if (!src.is_valid(i)) continue;
          int32_t code = src.get<int32_t>(i);
          if (map[size_t(code)] < 0) map[size_t(code)] = col->dict()->intern(src.dict()->get(code));
          col->mutable_data<int32_t>()[at + i] = map[size_t(code)];
        }
      } else if (n) {
        std::memcpy(col->mutable_data<uint8_t>() + at * size_t(col->width()), src.data<uint8_t>(), n * size_t(col->width()));
      }
      at += n;
    }
    out.columns.push_back({parts[0].columns[c].name, col, nullptr});
  }
  return out;
}

}  // namespace

Batch import_arrow(ArrowSchema* schema, ArrowArray* array, const Schema* target) {
  // Take both structs first so they are released even when validation fails.
  SchemaGuard sg;
  auto owner = std::make_shared<ImportedArray>();
  if (schema && schema->release) sg.schema = take(schema);
  if (array && array->release) owner->array = take(array);
  if (!sg.schema.release) throw_invalid("Arrow import: the schema is null or already released");
  if (!owner->array.release) throw_invalid("Arrow import: the array is null or already released");
  return import_batch(sg.schema, owner, target);
}

Batch import_arrow_stream(ArrowArrayStream* stream, const Schema* target) {
  if (!stream || !stream->release) throw_invalid("Arrow import: the stream is null or already released");
  struct StreamGuard {
    ArrowArrayStream s;
    ~StreamGuard() {
      if (s.release) s.release(&s);
    }
  } st{take(stream)};
  auto fail = [&](const char* what) {
    const char* msg = st.s.get_last_error ? st.s.get_last_error(&st.s) : nullptr;
    throw_parse(std::string("Arrow stream ") + what + " failed" + (msg ? std::string(": ") + msg : std::string()));
  };
  if (!st.s.get_schema || !st.s.get_next) throw_invalid("Arrow import: the stream has no callbacks");
  SchemaGuard sg;
  if (st.s.get_schema(&st.s, &sg.schema) != 0) fail("get_schema");
  if (!sg.schema.release) throw_parse("Arrow stream returned a released schema");
  check_struct_schema(sg.schema);
  std::vector<Batch> parts;
  for (;;) {
    auto owner = std::make_shared<ImportedArray>();
    if (st.s.get_next(&st.s, &owner->array) != 0) fail("get_next");
    if (!owner->array.release) break;  // end of stream
    parts.push_back(import_batch(sg.schema, owner, target));
  }
  if (parts.empty()) {
    // No batches: the schema alone, zero rows.
    Batch out;
    const std::vector<ArrowKind> kinds = column_kinds(sg.schema);
    const std::vector<std::string> names = column_names(sg.schema);
    for (size_t i = 0; i < kinds.size(); ++i) {
      const Field* f = target ? find_field(target, names[i]) : nullptr;
      if (target && !f && names[i] != "__INDEX__") continue;
      DType t = DType::String;
      bool wide = false;
      if (f) {
        t = f->type;
        wide = f->wide;
      } else {
        switch (kinds[i].id) {
          case ArrowKind::Int8: case ArrowKind::UInt8: case ArrowKind::Int16: case ArrowKind::UInt16:
          case ArrowKind::Int32: case ArrowKind::UInt32: t = DType::Integer; break;
          case ArrowKind::Int64: case ArrowKind::UInt64: case ArrowKind::Decimal128: t = DType::Integer; wide = true; break;
          case ArrowKind::Float32: case ArrowKind::Float64: t = DType::Float; break;
          case ArrowKind::Bool: t = DType::Boolean; break;
          case ArrowKind::Date32: case ArrowKind::Date64: t = DType::Date; break;
          case ArrowKind::Timestamp: t = DType::Datetime; break;
          default: break;
        }
      }
      out.columns.push_back({names[i], std::make_shared<Column>(t, wide), nullptr});
    }
    return out;
  }
  return concat_batches(parts);
}

}  // namespace parallax
