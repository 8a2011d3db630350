// String functions: concat, upper, lower, length, order, substring.
// Results that the reference would intern as "" come back as nulls (its
// sentinel), as the reference does.
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "parallax/expr/compiler.h"

namespace parallax::expr {
namespace {

/// Status of a string function's result from one input's status: an update
/// null (kClear) stays kClear, a creation null becomes kInvalid.
inline uint8_t null_status(uint8_t s) { return s == kClear ? kClear : kInvalid; }

void concat_kernel(const Instr& I, Frame& F) {
  auto* o = F.v<std::string_view>(I.out);
  uint8_t* os = F.s(I.out);
  std::string buf;
  for (size_t i = 0; i < F.n; ++i) {
    uint8_t st = kValid;
    buf.clear();
    for (int r : I.in) {
      uint8_t s = F.s(r)[i];
      if (s == kClear) {
        st = kClear;
        break;
      }
      if (s != kValid) st = kInvalid;
      if (st == kValid) buf += F.v<std::string_view>(r)[i];
    }
    if (st == kValid && buf.empty()) st = kInvalid;
    os[i] = st;
    o[i] = st == kValid ? F.arena.copy(buf) : std::string_view();
  }
}

// ival: 0 upper, 1 lower (ASCII only, as boost's case conversion in the C locale)
void case_kernel(const Instr& I, Frame& F) {
  auto* o = F.v<std::string_view>(I.out);
  const auto* a = F.v<std::string_view>(I.in[0]);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  std::string buf;
  for (size_t i = 0; i < F.n; ++i) {
    if (s[i] != kValid || a[i].empty()) {
      os[i] = s[i] == kValid ? kInvalid : null_status(s[i]);
      o[i] = {};
      continue;
    }
    buf.assign(a[i]);
    for (char& ch : buf) {
      if (I.ival == 0 && ch >= 'a' && ch <= 'z') ch = char(ch - 32);
      if (I.ival == 1 && ch >= 'A' && ch <= 'Z') ch = char(ch + 32);
    }
    o[i] = F.arena.copy(buf);
    os[i] = kValid;
  }
}

void length_kernel(const Instr& I, Frame& F) {
  double* o = F.v<double>(I.out);
  const auto* a = F.v<std::string_view>(I.in[0]);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  for (size_t i = 0; i < F.n; ++i) {
    o[i] = s[i] == kValid ? double(a[i].size()) : 0;
    os[i] = s[i] == kValid ? kValid : null_status(s[i]);
  }
}

struct OrderData : KernelData {
  std::unordered_map<std::string, double> rank;
  double missing = 0;
};

void order_kernel(const Instr& I, Frame& F) {
  const auto& d = static_cast<const OrderData&>(*I.data);
  double* o = F.v<double>(I.out);
  const auto* a = F.v<std::string_view>(I.in[0]);
  const uint8_t* s = F.s(I.in[0]);
  uint8_t* os = F.s(I.out);
  std::string key;
  for (size_t i = 0; i < F.n; ++i) {
    if (s[i] != kValid) {
      o[i] = 0;
      os[i] = null_status(s[i]);
      continue;
    }
    key.assign(a[i]);
    auto it = d.rank.find(key);
    o[i] = it == d.rank.end() ? d.missing : it->second;
    os[i] = kValid;
  }
}

void substring_kernel(const Instr& I, Frame& F) {
  auto* o = F.v<std::string_view>(I.out);
  uint8_t* os = F.s(I.out);
  const auto* str = F.v<std::string_view>(I.in[0]);
  const double* start = F.v<double>(I.in[1]);
  const double* len = I.in.size() > 2 ? F.v<double>(I.in[2]) : nullptr;
  for (size_t i = 0; i < F.n; ++i) {
    uint8_t st = kValid;
    for (int r : I.in) {
      uint8_t s = F.s(r)[i];
      if (s == kClear) {
        st = kClear;
        break;
      }
      if (s != kValid) {
        st = kInvalid;
        break;
      }
    }
    o[i] = {};
    if (st != kValid) {
      os[i] = st;
      continue;
    }
    std::string_view v = str[i];
    int64_t n = int64_t(v.size());
    int64_t b = std::isfinite(start[i]) ? int64_t(start[i]) : -1;
    int64_t l = -1;  // std::string::npos, as the reference keeps it
    if (len) l = std::isfinite(len[i]) ? int64_t(len[i]) : -2;
    bool bad = n == 0 || b < 0 || (len && l < 0) || b >= n || (len && b + l > n);
    if (bad) {
      os[i] = kInvalid;
      continue;
    }
    std::string_view sub = len ? v.substr(size_t(b), size_t(l)) : v.substr(size_t(b));
    os[i] = kValid;
    o[i] = sub;
  }
}

}  // namespace

int compile_string_function(Compiler& c, const Node& n, const std::vector<int>& args, bool* handled) {
  const std::string& f = n.text;
  *handled = true;
  if (f == "concat") {
    if (args.empty()) return c.const_null(VT::Str);
    for (int a : args)
      if (c.type(a) != VT::Str) type_error();
    return c.emit(concat_kernel, VT::Str, args);
  }
  if (f == "upper" || f == "lower") {
    if (c.type(args[0]) != VT::Str) type_error();
    return c.emit(case_kernel, VT::Str, {args[0]}, 0, f == "lower");
  }
  if (f == "length") {
    if (c.type(args[0]) != VT::Str) type_error();
    return c.emit(length_kernel, VT::F64, {args[0]});
  }
  if (f == "order") {
    if (args.size() <= 1) type_error();
    for (int a : args)
      if (c.type(a) != VT::Str) type_error();
    auto d = std::make_shared<OrderData>();
    for (size_t i = 1; i < args.size(); ++i) {
      if (!c.info(args[i]).str) fail("order() needs literal values in this build", n.pos);
      d->rank[*c.info(args[i]).str] = double(i - 1);
    }
    d->missing = double(args.size() - 1);
    return c.emit(order_kernel, VT::F64, {args[0]}, 0, 0, d);
  }
  if (f == "substring") {
    if (args.size() != 2 && args.size() != 3) type_error();
    if (c.type(args[0]) != VT::Str) type_error();
    std::vector<int> in{args[0]};
    for (size_t i = 1; i < args.size(); ++i) {
      if (!is_numeric(c.type(args[i]))) type_error();
      in.push_back(c.to_f64(args[i]));
    }
    return c.emit(substring_kernel, VT::Str, in);
  }
  *handled = false;
  return -1;
}

}  // namespace parallax::expr
