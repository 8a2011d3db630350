// Expression::compile and the evaluator loop: batches of kBatch rids, input
// gathers, the flat instruction list, then the result column's cells.
#include "parallax/expr/expression.h"

#include <cstring>

#include "parallax/core/buffer.h"
#include "parallax/core/error.h"
#include "parallax/expr/compiler.h"
#include "parallax/expr/kernels.h"
#include "parallax/expr/parser.h"
#include "parallax/expr/preprocess.h"

namespace parallax::expr {

namespace kernels {

template <class T>
static void gather(const Instr& I, Frame& F, const Column& c) {
  T* o = F.v<T>(I.out);
  const T* v = c.data<T>();
  for (size_t i = 0; i < F.n; ++i) o[i] = v[F.rids[i]];
}

void load(const Instr& I, Frame& F) {
  const Column& c = *F.columns[I.column];
  uint8_t* st = F.s(I.out);
  const uint8_t* valid = c.validity();
  const uint8_t* upd = c.update_nulls();
  bool any_null = false;
  for (size_t i = 0; i < F.n; ++i) {
    uint32_t rid = F.rids[i];
    bool ok = bits::get(valid, rid);
    st[i] = ok ? kValid : (upd && bits::get(upd, rid)) ? kClear : kInvalid;
    any_null |= !ok;
  }
  switch (I.tout) {
    case VT::Bool: gather<uint8_t>(I, F, c); break;
    case VT::I32:
    case VT::Date: gather<int32_t>(I, F, c); break;
    case VT::I64:
    case VT::Time: gather<int64_t>(I, F, c); break;
    case VT::F64: gather<double>(I, F, c); break;
    case VT::Str: {
      auto* o = F.v<std::string_view>(I.out);
      const int32_t* codes = c.data<int32_t>();
      const Dictionary& d = *c.dict();
      for (size_t i = 0; i < F.n; ++i) o[i] = st[i] == kValid ? d.get(codes[F.rids[i]]) : std::string_view();
      return;
    }
    case VT::None: break;
  }
  if (!any_null) return;
  // null cells read as zero, as the reference's cleared cells
  size_t w = vt_width(I.tout);
  auto* o = static_cast<char*>(F.vals[size_t(I.out)]);
  for (size_t i = 0; i < F.n; ++i)
    if (st[i] != kValid) std::memset(o + i * w, 0, w);
}

void index(const Instr& I, Frame& F) {
  int32_t* o = F.v<int32_t>(I.out);
  uint8_t* os = F.s(I.out);
  const EvalContext& ctx = *F.ctx;
  if (!ctx.pkey_of || ctx.pkey_type != DType::Integer) {
    std::memset(o, 0, F.n * 4);
    std::memset(os, kInvalid, F.n);
    return;
  }
  if (!F.pkeys) F.pkeys = std::make_unique<Column>(DType::Integer, true);
  if (F.pkeys->size() < F.n) F.pkeys->resize(kBatch);
  for (size_t i = 0; i < F.n; ++i) {
    ctx.pkey_of(F.rids[i], *F.pkeys, i);
    bool ok = F.pkeys->is_valid(i);
    o[i] = ok ? int32_t(F.pkeys->get_int(i)) : 0;
    os[i] = ok ? kValid : kInvalid;
  }
}

}  // namespace kernels

namespace {

DType dtype_of(VT t) {
  switch (t) {
    case VT::Bool: return DType::Boolean;
    case VT::I32:
    case VT::I64: return DType::Integer;
    case VT::F64: return DType::Float;
    case VT::Str: return DType::String;
    case VT::Date: return DType::Date;
    case VT::Time: return DType::Datetime;
    case VT::None: break;
  }
  return DType::Float;
}

void to_line_column(const std::string& text, int pos, ExprError* e) {
  e->line = 0;
  e->column = 0;
  if (pos < 0) return;
  size_t p = std::min(size_t(pos), text.size());
  size_t line_start = 0;
  for (size_t i = 0; i < p; ++i) {
    if (text[i] == '\n') {
      ++e->line;
      line_start = i + 1;
    }
  }
  e->column = int(p - line_start);
}

// Iterations of a loop's back edge per batch before the loop is cut short
// (ExprTK has no limit; an endless loop would hang the engine).
constexpr size_t kMaxLoopPasses = 1000000;

class CompiledExpression final : public Expression {
 public:
  CompiledExpression(Program prog, bool row_local, bool wide)
      : prog_(std::move(prog)), type_(dtype_of(prog_.result_type)), row_local_(row_local), wide_(wide) {}

  DType type() const override { return type_; }
  bool wide() const override { return wide_; }
  const std::vector<std::string>& inputs() const override { return prog_.columns; }
  bool row_local() const override { return row_local_; }

  void evaluate(const ColumnSource& src, const uint32_t* rids, size_t n, Column& out,
                const EvalContext& ctx) const override {
    if (out.type() != type_) throw_internal("expression output column has the wrong type");
    if (n == 0) return;
    Frame F;
    std::vector<const Column*> cols;
    for (const std::string& name : prog_.columns) cols.push_back(&src.column(name));
    F.columns = cols.data();
    F.ctx = &ctx;
    F.rng = uint64_t(ctx.now_ms) * 0x9e3779b97f4a7c15ULL ^ uint64_t(reinterpret_cast<uintptr_t>(&F)) ^ rids[0];
    size_t regs = prog_.reg_types.size();
    size_t bytes = 0;
    for (VT t : prog_.reg_types) bytes += kBatch * (vt_width(t) + 1) + 64;
    std::unique_ptr<uint8_t[]> mem(new uint8_t[bytes]);
    uint8_t* p = mem.get();
    F.vals.resize(regs);
    F.st.resize(regs);
    for (size_t r = 0; r < regs; ++r) {
      p = reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(p) + 63) & ~uintptr_t(63));
      F.vals[r] = p;
      p += kBatch * vt_width(prog_.reg_types[r]);
      F.st[r] = p;
      p += kBatch;
    }
    F.n = kBatch;
    F.rids = rids;
    for (const Instr& I : prog_.init) I.fn(I, F);
    for (size_t b = 0; b < n; b += kBatch) {
      F.n = std::min(kBatch, n - b);
      F.rids = rids + b;
      F.arena.reset();
      for (const Instr& I : prog_.loads) I.fn(I, F);
      run_body(F);
      write(F, out);
    }
  }

 private:
  void run_body(Frame& F) const {
    const auto& body = prog_.body;
    size_t passes = 0;
    for (size_t pc = 0; pc < body.size();) {
      const Instr& I = body[pc];
      switch (I.ctl) {
        case Ctl::Run:
          I.fn(I, F);
          ++pc;
          break;
        case Ctl::Jump:
          pc = ++passes > kMaxLoopPasses ? pc + 1 : size_t(I.target);
          break;
        case Ctl::JumpIfNone: {
          const uint8_t* m = F.v<uint8_t>(I.mask);
          bool any = false;
          for (size_t i = 0; i < F.n && !any; ++i) any = m[i];
          pc = any ? pc + 1 : size_t(I.target);
        } break;
      }
    }
  }

  void write(const Frame& F, Column& out) const {
    int r = prog_.result;
    const uint8_t* st = F.s(r);
    for (size_t i = 0; i < F.n; ++i) {
      uint32_t rid = F.rids[i];
      if (st[i] != kValid) {
        out.set_null(rid, NullKind::CtorNull);
        continue;
      }
      switch (prog_.result_type) {
        case VT::Bool: out.set<uint8_t>(rid, F.v<uint8_t>(r)[i] ? 1 : 0); break;
        case VT::I32: out.set_int(rid, F.v<int32_t>(r)[i]); break;
        case VT::I64: out.set_int(rid, F.v<int64_t>(r)[i]); break;
        case VT::F64: out.set<double>(rid, F.v<double>(r)[i]); break;
        case VT::Date: out.set<int32_t>(rid, F.v<int32_t>(r)[i]); break;
        case VT::Time: out.set<int64_t>(rid, F.v<int64_t>(r)[i]); break;
        case VT::Str: out.set_string(rid, F.v<std::string_view>(r)[i]); break;
        case VT::None: out.set_null(rid, NullKind::CtorNull); break;
      }
    }
  }

  Program prog_;
  DType type_;
  bool row_local_;
  bool wide_;
};

}  // namespace

std::shared_ptr<const Expression> Expression::try_compile(std::string_view text, const FieldLookup& fields,
                                                          ExprError* error) {
  Preprocessed pre = preprocess(text);
  try {
    // the reference checks the input columns before it parses
    for (size_t k = 0, seen = 0; seen < pre.column_ids.size(); ++k) {
      auto it = pre.column_ids.find("COLUMN" + std::to_string(k));
      if (it != pre.column_ids.end()) ++seen;
      if (it != pre.column_ids.end() && !fields(it->second))
        fail("Value Error - Input column \"" + it->second + "\" does not exist.");
    }
    NodePtr root = parse(pre.text);
    Program prog;
    Compiler c(prog, fields, pre.column_ids);
    prog.result = c.compile_root(*root);
    prog.result_type = c.type(prog.result);
    bool wide = c.needs_wide() && (prog.result_type == VT::I64);
    bool row_local = c.row_local();
    return std::make_shared<CompiledExpression>(std::move(prog), row_local, wide);
  } catch (const CompileError& e) {
    if (error) {
      error->message = e.message;
      to_line_column(pre.text, e.pos, error);
    }
    return nullptr;
  }
}

std::shared_ptr<const Expression> Expression::compile(std::string_view text, const FieldLookup& fields) {
  ExprError e;
  auto x = try_compile(text, fields, &e);
  if (!x) throw_invalid(e.message);
  return x;
}

}  // namespace parallax::expr
