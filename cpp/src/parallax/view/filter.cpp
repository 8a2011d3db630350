#include "parallax/view/filter.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "parallax/core/datetime.h"
#include "parallax/core/error.h"
#include "parallax/core/parallel.h"
#include "parallax/load/datetime_parse.h"

namespace parallax {

namespace {

/// A filter term after coercion to its column's type.
struct Term {
  enum Kind : uint8_t {
    Typed,    // comparable with the cells: `i` (Boolean 0/1, Integer, Date days,
              // Datetime ms), `f` (Float) or `s` (String)
    Foreign,  // a null or boolean term on a string, date or datetime column: its
              // type tag differs, so it never equals a cell and orders below
              // every valid cell (`>` and `>=` keep every non-null row)
    Dead,     // an empty term list there: Perspective reads an invalid scalar,
              // which only `!=` (and `not in`) can match
  };
  Kind kind = Typed;
  int64_t i = 0;
  double f = 0;
  std::string s;
};

bool is_string_op(FilterOp op) {
  return op == FilterOp::BeginsWith || op == FilterOp::EndsWith || op == FilterOp::Contains;
}
bool is_bag_op(FilterOp op) { return op == FilterOp::In || op == FilterOp::NotIn; }

/// What a null cell gives for `op`, whatever the term.
bool null_result(FilterOp op) { return op == FilterOp::Ne || op == FilterOp::NotIn || op == FilterOp::IsNull; }

/// double -> 32-bit integer as the reference (wasm32) build converts it:
/// truncation toward zero, INT32_MIN when out of range.
int32_t wasm_int32(double v) {
  if (!(v > -2147483649.0 && v < 2147483648.0)) return INT32_MIN;
  return int32_t(v);
}
int64_t wasm_int64(double v) {
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) return INT64_MIN;
  return int64_t(v);
}

/// std::stoi / std::stoll: leading blanks, a sign and base-10 digits, any tail ignored.
int64_t std_stoi(const std::string& s, bool wide) {
  const std::string fn = wide ? "stoll" : "stoi";
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (end == s.c_str()) throw_invalid(fn + ": no conversion");
  if (errno == ERANGE || (!wide && (v < INT32_MIN || v > INT32_MAX))) throw_invalid(fn + ": out of range");
  return v;
}

/// std::stod: strtod's grammar (hex, inf, nan), any tail ignored; underflow is out of range.
double std_stod(const std::string& s) {
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) throw_invalid("stod: no conversion");
  if (errno == ERANGE) throw_invalid("stod: out of range");
  return v;
}

/// A number term on a date column: gmtime() of the whole seconds, as Perspective does.
int64_t date_from_ms_term(double ms) {
  double secs = std::trunc(ms / 1000);
  if (!(std::fabs(secs) < 1e17)) return secs > 0 ? INT32_MAX : INT32_MIN;  // far beyond any stored date
  int64_t s = int64_t(secs);
  int64_t days = s / 86400 - (s % 86400 < 0 ? 1 : 0);
  return std::clamp<int64_t>(days, INT32_MIN, INT32_MAX);
}

/// Perspective's coerce_to() plus t_fterm::coerce_numeric() for one term.
/// `field` is null for an unknown column: number and string terms fail with
/// the messages Perspective raises before it validates column names.
Term coerce_term(const Field* field, const std::string& column, const Scalar& t) {
  Term out;
  if (t.is_null() || t.is_bool()) {
    int64_t b = t.is_bool() && t.as_bool();
    if (!field) return out;  // reported as an unknown filter column later
    switch (field->type) {
      case DType::Boolean:
      case DType::Integer: out.i = b; break;
      case DType::Float: out.f = double(b); break;
      case DType::String:
      case DType::Date:
      case DType::Datetime: out.kind = Term::Foreign; break;
    }
    return out;
  }
  if (t.is_number()) {
    if (!field)
      throw_invalid("Could not get dtype for column `" + column + "` as it does not exist in the schema.");
    double v = t.as_number();  // the client sends every number as a double
    switch (field->type) {
      case DType::Boolean: out.i = v == 1; break;
      case DType::Integer: out.i = field->wide ? wasm_int64(v) : wasm_int32(v); break;
      case DType::Float: out.f = v; break;
      case DType::String: throw_invalid("Unsupported double type");
      case DType::Date: out.i = date_from_ms_term(v); break;
      // Epoch ms, as the protocol sends them. Perspective 3.8's wasm32 build cuts the
      // term to 32 bits (`(long)val`), so no real datetime ever matches; Parallax
      // uses the full value (docs/COMPATIBILITY.md #4).
      case DType::Datetime: out.i = wasm_int64(std::trunc(v)); break;
    }
    return out;
  }
  if (!field) throw_invalid("Filter column not in schema: " + column);
  const std::string& s = t.as_string();
  switch (field->type) {
    case DType::Boolean: out.i = 0; break;  // compares a char* with "true": always false (T7)
    case DType::Integer: out.i = std_stoi(s, field->wide); break;
    case DType::Float: out.f = std_stod(s); break;
    case DType::String: out.s = s; break;
    case DType::Date: {
      auto d = parse_date_days(s);
      if (!d) throw_invalid("Invalid date format");
      out.i = *d;
      break;
    }
    case DType::Datetime: {
      auto ms = parse_datetime_ms(s);
      if (!ms) throw_invalid("Invalid date format");
      out.i = *ms;
      break;
    }
  }
  return out;
}

/// An empty term list for a non-list operator.
Term dead_term(const Field* field) {
  Term out;
  if (field && (field->type == DType::String || field->type == DType::Date || field->type == DType::Datetime))
    out.kind = Term::Dead;
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
  return out;
}

uint64_t float_bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}

}  // namespace

struct RowFilter::Clause {
  std::string column;
  DType type = DType::Integer;
  bool wide = false;
  FilterOp op = FilterOp::Eq;
  Term term;                   // comparison and string operators
  std::vector<Term> bag;       // in / not in: typed terms only (others never equal a cell)
  std::string lowered;         // string operators: the term in lower case
  std::vector<std::string_view> sorted_strings;  // string in / not in: the bag's texts, sorted
  enum class Fixed : uint8_t { No, Never, Always } fixed = Fixed::No;  // OR-path string quirk

  /// String columns: whether a valid cell with each dictionary code passes.
  /// Extended as the dictionary grows; guarded by mu.
  mutable std::mutex mu;
  mutable std::shared_ptr<Dictionary> cached_dict;
  mutable std::shared_ptr<const std::vector<uint8_t>> by_code;

  bool string_passes(std::string_view v) const {
    switch (op) {
      case FilterOp::Lt: return v < std::string_view(term.s);
      case FilterOp::Le: return v <= std::string_view(term.s);
      case FilterOp::Gt: return v > std::string_view(term.s);
      case FilterOp::Ge: return v >= std::string_view(term.s);
      case FilterOp::Eq: return v == std::string_view(term.s);
      case FilterOp::Ne: return v != std::string_view(term.s);
      case FilterOp::BeginsWith: return ascii_lower(v).compare(0, lowered.size(), lowered) == 0;
      case FilterOp::EndsWith: {
        std::string l = ascii_lower(v);
        return l.size() >= lowered.size() && l.compare(l.size() - lowered.size(), lowered.size(), lowered) == 0;
      }
      case FilterOp::Contains: return ascii_lower(v).find(lowered) != std::string::npos;
      case FilterOp::In:
      case FilterOp::NotIn:
        return std::binary_search(sorted_strings.begin(), sorted_strings.end(), v) == (op == FilterOp::In);
      case FilterOp::IsNull: return false;
      case FilterOp::IsNotNull: return true;
    }
    return false;
  }

  std::shared_ptr<const std::vector<uint8_t>> code_table(const std::shared_ptr<Dictionary>& dict) const {
    std::lock_guard<std::mutex> g(mu);
    const size_t n = size_t(dict->size());
    if (cached_dict == dict && by_code && by_code->size() == n) return by_code;
    auto t = std::make_shared<std::vector<uint8_t>>();
    if (cached_dict == dict && by_code) *t = *by_code;  // codes are stable: extend only
    t->reserve(n);
    for (size_t c = t->size(); c < n; ++c) t->push_back(string_passes(dict->get(int32_t(c))));
    cached_dict = dict;
    by_code = t;
    return t;
  }
};

namespace {

using Clause = RowFilter::Clause;

/// A clause bound to its column for one evaluation.
struct Bound {
  const Clause* c;
  const Column* col;
  int32_t code = -1;                                  // string == / !=: the term's code (-1: absent)
  std::shared_ptr<const std::vector<uint8_t>> table;  // other string operators
};

/// Calls emit(i, rid, pass) for each rids[i]; a null cell gives `null_res`.
template <class T, class Pred, class Emit>
void scan(const Column& col, const uint32_t* rids, size_t n, bool null_res, Pred pred, Emit& emit) {
  const T* v = col.data<T>();
  const uint8_t* valid = col.validity();
  for (size_t i = 0; i < n; ++i) {
    uint32_t r = rids[i];
    bool ok = bits::get(valid, r);
    bool m = pred(v[r]);
    emit(i, r, ok ? m : null_res);
  }
}

template <class Emit>
void scan_const(const Column& col, const uint32_t* rids, size_t n, bool valid_res, bool null_res, Emit& emit) {
  const uint8_t* valid = col.validity();
  for (size_t i = 0; i < n; ++i) emit(i, rids[i], bits::get(valid, rids[i]) ? valid_res : null_res);
}

template <class T>
T threshold(const Term& t) {
  if constexpr (std::is_same_v<T, double>) return t.f;
  else return T(t.i);
}

/// Typed comparison and bag operators on a fixed-width column.
template <class T, class Emit>
void scan_typed(const Clause& c, const Column& col, const uint32_t* rids, size_t n, Emit& emit) {
  const bool nr = null_result(c.op);
  if constexpr (std::is_same_v<T, double>) {
    // Perspective compares float scalars bitwise for equality (so -0.0 != 0.0).
    const double t = c.term.f;
    const uint64_t tb = float_bits(t);
    switch (c.op) {
      case FilterOp::Lt: return scan<double>(col, rids, n, nr, [t](double v) { return v < t; }, emit);
      case FilterOp::Gt: return scan<double>(col, rids, n, nr, [t](double v) { return v > t; }, emit);
      case FilterOp::Le: return scan<double>(col, rids, n, nr, [=](double v) { return v < t || float_bits(v) == tb; }, emit);
      case FilterOp::Ge: return scan<double>(col, rids, n, nr, [=](double v) { return v > t || float_bits(v) == tb; }, emit);
      case FilterOp::Eq: return scan<double>(col, rids, n, nr, [tb](double v) { return float_bits(v) == tb; }, emit);
      case FilterOp::Ne: return scan<double>(col, rids, n, nr, [tb](double v) { return float_bits(v) != tb; }, emit);
      case FilterOp::In:
      case FilterOp::NotIn: {
        std::vector<uint64_t> keys;
        for (auto& b : c.bag) keys.push_back(float_bits(b.f));
        const bool in = c.op == FilterOp::In;
        return scan<double>(col, rids, n, nr, [&](double v) {
          return (std::find(keys.begin(), keys.end(), float_bits(v)) != keys.end()) == in;
        }, emit);
      }
      default: break;
    }
  } else {
    const T t = threshold<T>(c.term);
    switch (c.op) {
      case FilterOp::Lt: return scan<T>(col, rids, n, nr, [t](T v) { return v < t; }, emit);
      case FilterOp::Gt: return scan<T>(col, rids, n, nr, [t](T v) { return v > t; }, emit);
      case FilterOp::Le: return scan<T>(col, rids, n, nr, [t](T v) { return v <= t; }, emit);
      case FilterOp::Ge: return scan<T>(col, rids, n, nr, [t](T v) { return v >= t; }, emit);
      case FilterOp::Eq: return scan<T>(col, rids, n, nr, [t](T v) { return v == t; }, emit);
      case FilterOp::Ne: return scan<T>(col, rids, n, nr, [t](T v) { return v != t; }, emit);
      case FilterOp::In:
      case FilterOp::NotIn: {
        std::vector<T> keys;
        for (auto& b : c.bag) keys.push_back(threshold<T>(b));
        std::sort(keys.begin(), keys.end());
        const bool in = c.op == FilterOp::In;
        if (keys.size() <= 16)
          return scan<T>(col, rids, n, nr, [&](T v) { return (std::find(keys.begin(), keys.end(), v) != keys.end()) == in; }, emit);
        return scan<T>(col, rids, n, nr, [&](T v) { return std::binary_search(keys.begin(), keys.end(), v) == in; }, emit);
      }
      default: break;
    }
  }
  scan_const(col, rids, n, false, nr, emit);  // not reached: other operators are handled by eval()
}

/// Evaluates one bound clause over rids[0..n): emit(i, rid, pass).
template <class Emit>
void eval(const Bound& b, const uint32_t* rids, size_t n, Emit& emit) {
  const Clause& c = *b.c;
  const Column& col = *b.col;
  const bool nr = null_result(c.op);
  if (c.fixed != Clause::Fixed::No) return scan_const(col, rids, n, c.fixed == Clause::Fixed::Always, c.fixed == Clause::Fixed::Always, emit);
  if (c.op == FilterOp::IsNull || c.op == FilterOp::IsNotNull)
    return scan_const(col, rids, n, c.op == FilterOp::IsNotNull, c.op == FilterOp::IsNull, emit);
  if (is_string_op(c.op) && (c.type != DType::String || c.term.kind != Term::Typed))
    return scan_const(col, rids, n, false, false, emit);
  if (c.term.kind != Term::Typed && !is_bag_op(c.op)) {
    // Foreign: a different type tag, lower than the cell's; Dead: an invalid scalar.
    bool foreign = c.term.kind == Term::Foreign;
    bool v = c.op == FilterOp::Ne || (foreign && (c.op == FilterOp::Gt || c.op == FilterOp::Ge));
    return scan_const(col, rids, n, v, nr, emit);
  }
  if (is_bag_op(c.op) && c.bag.empty()) return scan_const(col, rids, n, c.op == FilterOp::NotIn, nr, emit);
  switch (c.type) {
    case DType::Boolean: return scan_typed<uint8_t>(c, col, rids, n, emit);
    case DType::Integer:
      return col.wide() ? scan_typed<int64_t>(c, col, rids, n, emit) : scan_typed<int32_t>(c, col, rids, n, emit);
    case DType::Float: return scan_typed<double>(c, col, rids, n, emit);
    case DType::Date: return scan_typed<int32_t>(c, col, rids, n, emit);
    case DType::Datetime: return scan_typed<int64_t>(c, col, rids, n, emit);
    case DType::String: {
      if (c.op == FilterOp::Eq || c.op == FilterOp::Ne) {
        const int32_t code = b.code;
        if (c.op == FilterOp::Eq) return scan<int32_t>(col, rids, n, nr, [code](int32_t v) { return v == code; }, emit);
        return scan<int32_t>(col, rids, n, nr, [code](int32_t v) { return v != code; }, emit);
      }
      const uint8_t* t = b.table->data();
      const uint32_t size = uint32_t(b.table->size());
      return scan<int32_t>(col, rids, n, nr, [t, size](int32_t v) { return uint32_t(v) < size && t[v]; }, emit);
    }
  }
}

/// Runs every clause over one slice of rids, appending survivors to `out`.
void run_slice(const std::vector<Bound>& bound, bool any, const uint32_t* rids, size_t n, std::vector<uint32_t>& out) {
  const size_t base = out.size();
  if (!any) {
    // AND: each clause compacts the survivors of the previous one, in place.
    out.resize(base + n);
    uint32_t* dst = out.data() + base;
    size_t k = 0;
    auto first = [&](size_t, uint32_t rid, bool m) {
      dst[k] = rid;
      k += m;
    };
    eval(bound[0], rids, n, first);
    for (size_t ci = 1; ci < bound.size() && k > 0; ++ci) {
      size_t kept = 0;
      auto next = [&](size_t, uint32_t rid, bool m) {
        dst[kept] = rid;  // kept <= i: never overwrites a row not yet read
        kept += m;
      };
      size_t cur = k;
      eval(bound[ci], dst, cur, next);
      k = kept;
    }
    out.resize(base + k);
    return;
  }
  // OR: union of the clauses' matches, then one compaction in input order.
  std::vector<uint8_t> hit(n, 0);
  auto mark = [&](size_t i, uint32_t, bool m) { hit[i] |= uint8_t(m); };
  for (auto& b : bound) eval(b, rids, n, mark);
  for (size_t i = 0; i < n; ++i)
    if (hit[i]) out.push_back(rids[i]);
}

}  // namespace

FilterOp parse_filter_op(std::string_view s) {
  if (s == "<") return FilterOp::Lt;
  if (s == "<=") return FilterOp::Le;
  if (s == ">") return FilterOp::Gt;
  if (s == ">=") return FilterOp::Ge;
  if (s == "==") return FilterOp::Eq;
  if (s == "!=") return FilterOp::Ne;
  if (s == "begins with" || s == "startswith") return FilterOp::BeginsWith;
  if (s == "ends with" || s == "endswith") return FilterOp::EndsWith;
  if (s == "in") return FilterOp::In;
  if (s == "contains") return FilterOp::Contains;
  if (s == "not in") return FilterOp::NotIn;
  if (s == "is null" || s == "is None") return FilterOp::IsNull;
  if (s == "is not null" || s == "is not None") return FilterOp::IsNotNull;
  // Perspective parses the reducer names as operators, then aborts on the first row.
  if (s == "&" || s == "and" || s == "|" || s == "or") throw_invalid("Invalid filter op");
  throw_invalid("Unknown filter operator string: `" + std::string(s) + "`");
}

RowFilter::RowFilter() = default;
RowFilter::~RowFilter() = default;
RowFilter::RowFilter(RowFilter&&) noexcept = default;
RowFilter& RowFilter::operator=(RowFilter&&) noexcept = default;

namespace {

/// Phase 1 of compilation for one clause: its terms, coerced.
struct CoercedClause {
  const Field* field;
  Term term;
  std::vector<Term> bag;
};

CoercedClause coerce_clause(const ColumnSource& source, const FilterClause& fc) {
  CoercedClause cc{source.field(fc.column), {}, {}};
  std::vector<Term> terms;
  for (auto& t : fc.terms) terms.push_back(coerce_term(cc.field, fc.column, t));
  // A missing term is a null term; an empty list is a list of no terms.
  if (fc.terms.empty() && !fc.term_is_list) terms.push_back(coerce_term(cc.field, fc.column, Scalar{}));
  cc.term = terms.empty() ? dead_term(cc.field) : terms.front();
  cc.bag = std::move(terms);
  return cc;
}

}  // namespace

void RowFilter::check_terms(const ColumnSource& source, const std::vector<FilterClause>& clauses) {
  for (auto& fc : clauses) coerce_clause(source, fc);
}

RowFilter::RowFilter(const ColumnSource& source, const std::vector<FilterClause>& clauses, bool filter_or)
    : or_(filter_or) {
  std::vector<CoercedClause> coerced;
  for (auto& fc : clauses) coerced.push_back(coerce_clause(source, fc));
  for (size_t i = 0; i < clauses.size(); ++i)
    if (!coerced[i].field) throw_invalid("Invalid column '" + clauses[i].column + "' found in View filters.");
  std::vector<FilterOp> ops;
  for (auto& fc : clauses) ops.push_back(parse_filter_op(fc.op));
  for (size_t i = 0; i < clauses.size(); ++i) {
    auto c = std::make_unique<Clause>();
    CoercedClause& cc = coerced[i];
    c->column = clauses[i].column;
    c->type = cc.field->type;
    c->wide = cc.field->wide;
    c->op = ops[i];
    c->term = std::move(cc.term);
    for (auto& t : cc.bag)
      if (t.kind == Term::Typed) c->bag.push_back(std::move(t));
    c->lowered = ascii_lower(c->term.s);
    if (c->type == DType::String) {
      for (auto& t : c->bag) c->sorted_strings.push_back(t.s);  // views into c->bag, which no longer changes
      std::sort(c->sorted_strings.begin(), c->sorted_strings.end());
    }
    // Perspective's OR path compares string cells with the interned code of an
    // `==` / `!=` term: never equal.
    if (or_ && c->type == DType::String && c->term.kind == Term::Typed &&
        (c->op == FilterOp::Eq || c->op == FilterOp::Ne))
      c->fixed = c->op == FilterOp::Eq ? Clause::Fixed::Never : Clause::Fixed::Always;
    clauses_.push_back(std::move(c));
  }
}

namespace {

std::vector<Bound> bind(const std::vector<std::unique_ptr<Clause>>& clauses, const ColumnSource& source) {
  std::vector<Bound> out;
  for (auto& c : clauses) {
    Bound b{c.get(), &source.column(c->column), -1, nullptr};
    if (b.col->type() != c->type) throw_internal("filter column `" + c->column + "` changed type");
    if (c->type == DType::String && c->fixed == Clause::Fixed::No) {
      const bool typed = c->term.kind == Term::Typed;
      if ((c->op == FilterOp::Eq || c->op == FilterOp::Ne) && typed) {
        b.code = b.col->dict()->find(c->term.s);  // looked up once; absent = no cell equals it
      } else if (is_bag_op(c->op) ? !c->bag.empty()
                                  : typed && c->op != FilterOp::IsNull && c->op != FilterOp::IsNotNull) {
        b.table = c->code_table(b.col->dict());
      }
    }
    out.push_back(std::move(b));
  }
  return out;
}

constexpr size_t kGrain = 1 << 16;

}  // namespace

void RowFilter::apply(const ColumnSource& source, const uint32_t* rids, size_t n, std::vector<uint32_t>& out) const {
  if (clauses_.empty()) {
    out.insert(out.end(), rids, rids + n);
    return;
  }
  std::vector<Bound> bound = bind(clauses_, source);
  const size_t chunks = parallel_chunks(n, kGrain);
  if (chunks <= 1) {
    run_slice(bound, or_, rids, n, out);
    return;
  }
  std::vector<std::vector<uint32_t>> parts(chunks);
  parallel_for(n, kGrain, [&](size_t b, size_t e, int c) { run_slice(bound, or_, rids + b, e - b, parts[size_t(c)]); });
  size_t total = out.size();
  for (auto& p : parts) total += p.size();
  out.reserve(total);
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
}

bool RowFilter::matches(const ColumnSource& source, uint32_t rid) const {
  if (clauses_.empty()) return true;
  std::vector<uint32_t> out;
  run_slice(bind(clauses_, source), or_, &rid, 1, out);
  return !out.empty();
}

std::vector<std::string> RowFilter::columns() const {
  std::vector<std::string> out;
  for (auto& c : clauses_) out.push_back(c->column);
  return out;
}

}  // namespace parallax
