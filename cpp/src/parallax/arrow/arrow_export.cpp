// Frame -> Arrow C Data Interface (one struct array = one record batch).
//
// Ownership. Every exported node (the struct, each child, each dictionary)
// owns one heap holder through private_data. A holder keeps the Buffers its
// node points into alive (shared_ptrs to the Frame's column buffers, the
// dictionary snapshot's buffers, or buffers made here), stores the node's
// `buffers` / `children` pointer arrays and owns its children's and its
// dictionary's structs. Releasing a node releases the children and dictionary
// the consumer did not move out (release != NULL), then frees its holder.
// Holders only drop shared_ptrs, so release may run on any thread, and a
// released node has release == NULL, so a second call is a no-op.
//
// Zero-copy. Values buffers (and validity bitmaps whose slice starts on a byte
// boundary) are the Frame's column buffers, advanced to the frame's first row:
// the exported `offset` is always 0 because Arrow Java refuses to import
// arrays with a non-zero offset. Booleans are bit-packed into a new buffer
// (the store keeps one byte per cell); strings export their codes as int32
// dictionary indices over the column's dictionary snapshot (utf8 offsets and
// bytes shared as they are, its length being the snapshot's size).
//
// No per-row work (for byte-aligned windows of non-boolean columns): every
// column exports its own validity bitmap with null_count -1 ("not computed",
// as the C Data Interface allows), and the struct and dictionary arrays point
// at one shared all-valid bitmap, because Arrow Java allocates and fills a
// bitmap for every imported array that has none.
//
// Exception safety: everything is built before the caller's structs are
// touched; a failure leaves them released (release == NULL) and leaks nothing.
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "parallax/arrow/arrow_bridge.h"
#include "parallax/core/error.h"

namespace parallax {

namespace {

struct ArrayDeleter {
  void operator()(ArrowArray* a) const {
    if (a->release) a->release(a);
    delete a;
  }
};
struct SchemaDeleter {
  void operator()(ArrowSchema* s) const {
    if (s->release) s->release(s);
    delete s;
  }
};
using ArrayPtr = std::unique_ptr<ArrowArray, ArrayDeleter>;
using SchemaPtr = std::unique_ptr<ArrowSchema, SchemaDeleter>;

struct ArrayHolder {
  std::vector<BufferPtr> keep;
  const void* buffers[3] = {nullptr, nullptr, nullptr};
  std::vector<ArrayPtr> children;
  std::vector<ArrowArray*> child_ptrs;
  ArrayPtr dictionary;
};

struct SchemaHolder {
  std::string format, name;
  std::vector<SchemaPtr> children;
  std::vector<ArrowSchema*> child_ptrs;
  SchemaPtr dictionary;
};

void release_array(ArrowArray* a) {
  if (!a || !a->private_data) {
    if (a) a->release = nullptr;
    return;
  }
  delete static_cast<ArrayHolder*>(a->private_data);  // releases unmoved children and dictionary
  a->private_data = nullptr;
  a->release = nullptr;
}

void release_schema(ArrowSchema* s) {
  if (!s || !s->private_data) {
    if (s) s->release = nullptr;
    return;
  }
  delete static_cast<SchemaHolder*>(s->private_data);
  s->private_data = nullptr;
  s->release = nullptr;
}

/// A live node whose holder is attached: from here on the deleter frees it.
ArrayPtr make_array(std::unique_ptr<ArrayHolder> h, int64_t length, int64_t null_count, int64_t n_buffers) {
  ArrayPtr a(new ArrowArray{});
  a->length = length;
  a->null_count = null_count;
  a->offset = 0;
  a->n_buffers = n_buffers;
  a->n_children = int64_t(h->children.size());
  for (auto& c : h->children) h->child_ptrs.push_back(c.get());
  a->buffers = h->buffers;
  a->children = h->child_ptrs.empty() ? nullptr : h->child_ptrs.data();
  a->dictionary = h->dictionary.get();
  a->release = release_array;
  a->private_data = h.release();
  return a;
}

SchemaPtr make_schema(std::unique_ptr<SchemaHolder> h, int64_t flags) {
  SchemaPtr s(new ArrowSchema{});
  for (auto& c : h->children) h->child_ptrs.push_back(c.get());
  s->format = h->format.c_str();
  s->name = h->name.c_str();
  s->metadata = nullptr;
  s->flags = flags;
  s->n_children = int64_t(h->children.size());
  s->children = h->child_ptrs.empty() ? nullptr : h->child_ptrs.data();
  s->dictionary = h->dictionary.get();
  s->release = release_schema;
  s->private_data = h.release();
  return s;
}

/// Stands in for the data pointer of an empty buffer: the C Data Interface
/// wants non-null data buffers, and Arrow readers may touch the first offset.
alignas(64) const uint8_t kEmpty[64] = {};

const void* data_or_empty(const BufferPtr& b) { return b && b->data() ? b->data() : kEmpty; }

/// A read-only bitmap of at least n set bits, shared by every export (holders
/// keep it alive). It only grows, doubling, so its fill is amortised over the
/// exports; the mutex guards the replacement of the shared pointer.
BufferPtr all_valid_bitmap(size_t n) {
  static std::mutex mutex;
  static BufferPtr bitmap;
  std::lock_guard<std::mutex> lock(mutex);
  const size_t need = bits::bytes_for(n) + 8;
  if (!bitmap || bitmap->size() < need) {
    size_t bytes = std::max(need, bitmap ? bitmap->size() * 2 : size_t(8192));
    auto b = std::make_shared<Buffer>();
    b->resize_exact(bytes);
    std::memset(b->data(), 0xff, bytes);
    bitmap = std::move(b);
  }
  return bitmap;
}

/// n bits of `src` from bit `from` into a new bitmap starting at bit 0.
BufferPtr shifted_bitmap(const uint8_t* src, size_t from, size_t n) {
  auto out = std::make_shared<Buffer>();
  out->resize_exact(bits::bytes_for(n) + 1);
  uint8_t* d = out->data();
  const uint8_t* s = src + from / 8;
  const unsigned shift = unsigned(from & 7);
  const size_t bytes = bits::bytes_for(n);
  for (size_t j = 0; j < bytes; ++j) {
    // The source byte after the last one may lie past the bitmap: read it only when needed.
    unsigned hi = (shift && (j + 1) * 8 < n + shift) ? unsigned(s[j + 1]) << (8 - shift) : 0u;
    d[j] = uint8_t((unsigned(s[j]) >> shift) | hi);
  }
  return out;
}

const char* format_of(const Column& c) {
  switch (c.type()) {
    case DType::Boolean: return "b";
    case DType::Integer: return c.wide() ? "l" : "i";
    case DType::Float: return "g";
    case DType::String: return "i";  // dictionary indices; the values schema is "u"
    case DType::Date: return "tdD";
    case DType::Datetime: return "tsm:";
  }
  return "n";
}

SchemaPtr column_schema(const std::string& name, const Column& col) {
  auto h = std::make_unique<SchemaHolder>();
  h->format = format_of(col);
  h->name = name;
  if (col.type() == DType::String) {
    auto d = std::make_unique<SchemaHolder>();
    d->format = "u";
    h->dictionary = make_schema(std::move(d), ARROW_FLAG_NULLABLE);
  }
  return make_schema(std::move(h), ARROW_FLAG_NULLABLE);
}

ArrayPtr dictionary_array(const DictSnapshot& d) {
  auto h = std::make_unique<ArrayHolder>();
  BufferPtr valid = all_valid_bitmap(d.size);
  h->buffers[0] = valid->data();
  h->keep = {d.offsets, d.bytes, std::move(valid)};
  h->buffers[1] = data_or_empty(d.offsets);
  h->buffers[2] = data_or_empty(d.bytes);
  return make_array(std::move(h), d.size, 0, 3);
}

/// Cells [fc.offset, fc.offset + n) of one frame column.
ArrayPtr column_array(const FrameColumn& fc, size_t n) {
  if (!fc.column) throw_internal("frame column '" + fc.name + "' has no data");
  const Column& col = *fc.column;
  if (col.size() < fc.offset + n)
    throw_internal("frame column '" + fc.name + "' holds " + std::to_string(col.size()) + " rows, needs " +
                   std::to_string(fc.offset + n));
  auto h = std::make_unique<ArrayHolder>();
  const size_t off = fc.offset;

  if (off % 8 == 0) {
    h->keep.push_back(col.validity_buffer());
    // Never a null bitmap (an empty column may have no allocation): with null_count -1 an
    // importer must read it (Arrow Java fails on a null one).
    h->buffers[0] = col.validity() ? col.validity() + off / 8 : kEmpty;
  } else {
    BufferPtr v = shifted_bitmap(col.validity(), off, n);
    h->buffers[0] = v->data();
    h->keep.push_back(std::move(v));
  }

  if (col.type() == DType::Boolean) {
    auto packed = std::make_shared<Buffer>();
    packed->resize_exact(bits::bytes_for(n) + 1);  // zeroed
    const uint8_t* src = col.data<uint8_t>() + off;
    for (size_t i = 0; i < n; ++i)
      if (src[i]) bits::set(packed->data(), i);
    h->buffers[1] = packed->data();
    h->keep.push_back(std::move(packed));
  } else {
    const BufferPtr& values = col.values_buffer();
    h->buffers[1] = values && values->data() ? values->data() + off * size_t(col.width()) : kEmpty;
    h->keep.push_back(values);
  }

  if (col.type() == DType::String) {
    DictSnapshot d = fc.dict.pinned() ? fc.dict : DictSnapshot::of(*col.dict());
    h->dictionary = dictionary_array(d);
  }
  return make_array(std::move(h), int64_t(n), -1, 2);  // null count not computed: no per-row pass
}

}  // namespace

void export_frame(const Frame& frame, const WindowSpec&, ArrowSchema* out_schema, ArrowArray* out_array) {
  if (!out_schema || !out_array) throw_invalid("export_frame: null output struct");
  out_schema->release = nullptr;
  out_array->release = nullptr;
  const size_t n = frame.num_rows;

  auto sh = std::make_unique<SchemaHolder>();
  sh->format = "+s";
  auto ah = std::make_unique<ArrayHolder>();
  auto add = [&](const std::string& name, const FrameColumn& fc) {
    if (!fc.column) throw_internal("frame column '" + fc.name + "' has no data");
    sh->children.push_back(column_schema(name, *fc.column));
    ah->children.push_back(column_array(fc, n));
  };
  // As Perspective's to_arrow: row-path levels first on grouped views, never
  // __ID__ / __INDEX__ (its Arrow output has no key columns).
  if (frame.grouped)
    for (size_t k = 0; k < frame.row_path.size(); ++k)
      add(frame.row_path[k].name + " (Group by " + std::to_string(k + 1) + ")", frame.row_path[k]);
  for (auto& c : frame.columns) add(c.name, c);

  SchemaPtr schema = make_schema(std::move(sh), 0);
  BufferPtr valid = all_valid_bitmap(n);
  ah->buffers[0] = valid->data();
  ah->keep.push_back(std::move(valid));
  ArrayPtr array = make_array(std::move(ah), int64_t(n), 0, 1);

  // Hand over: move the structs, leaving the temporaries released (no-throw).
  *out_schema = *schema;
  schema->release = nullptr;
  *out_array = *array;
  array->release = nullptr;
}

}  // namespace parallax
