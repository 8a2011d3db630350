// Table's computed columns: the expression columns its views register (see
// table.h's header comment for the design). Every function here runs under
// the table's exclusive lock.
#include <chrono>

#include "parallax/core/error.h"
#include "parallax/core/parallel.h"
#include "parallax/expr/expression.h"
#include "parallax/table/table.h"
#include "parallax/view/column_source.h"

namespace parallax {

namespace {

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::vector<uint32_t> Table::live_rids() const {
  std::vector<uint32_t> out;
  if (!indexed()) {
    out.reserve(nrows_ - first_live_);
    for (size_t r = first_live_; r < nrows_; ++r) out.push_back(uint32_t(r));
    return out;
  }
  out.reserve(live_count_);
  for (size_t r = 0; r < nrows_; ++r)
    if (live_[r]) out.push_back(uint32_t(r));
  return out;
}

void Table::evaluate_computed(const uint32_t* rows, size_t n, bool in_place, int only_slot) {
  if (computed_.empty()) return;
  std::vector<size_t> slots;
  for (size_t k = 0; k < computed_.size(); ++k)
    if (computed_[k].expr && (only_slot < 0 || size_t(only_slot) == k)) slots.push_back(k);
  if (slots.empty()) return;
  std::vector<uint32_t> all;
  if (only_slot < 0 && any_volatile_) all = live_rids();
  TableColumnSource source(*this);
  expr::EvalContext ctx;
  ctx.now_ms = now_ms();  // one instant for the whole change
  ctx.pkey_of = [this](uint32_t rid, Column& out, size_t out_row) { pkey_of(rid, out, out_row); };
  ctx.pkey_type = pkey_type();
  // Columns are independent (own buffers and dictionary; inputs are only
  // read): big changes spread them over the engine threads. One column is
  // written by one thread (validity bits and dictionaries are not shared-safe).
  const size_t per_column = only_slot < 0 && any_volatile_ ? all.size() : n;
  parallel_for(slots.size(), per_column >= 4096 ? 1 : slots.size(), [&](size_t b, size_t e, int) {
    for (size_t i = b; i < e; ++i) {
      ComputedSlot& s = computed_[slots[i]];
      const bool every_row = only_slot < 0 && !s.row_local;
      if (in_place || every_row) s.column->make_writable();  // snapshots may share its buffers
      s.expr->evaluate(source, every_row ? all.data() : rows, every_row ? all.size() : n, *s.column, ctx);
    }
  });
}

void Table::gather_computed_old(TableDelta& d, const uint32_t* rows, size_t n) {
  for (size_t k = 0; k < computed_.size(); ++k)
    if (computed_[k].expr) d.old[columns_.size() + k] = computed_[k].column->gather(rows, n);
}

std::vector<int> Table::acquire_computed(
    const std::vector<std::pair<std::string, std::shared_ptr<const expr::Expression>>>& exprs) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  check_alive();
  std::vector<int> out;
  try {
    for (auto& [text, e] : exprs) {
      if (!e) throw_internal("acquire_computed: no expression");
      int slot = -1;
      if (e->row_local())
        for (size_t k = 0; k < computed_.size() && slot < 0; ++k)
          if (computed_[k].expr && computed_[k].row_local && computed_[k].text == text &&
              computed_[k].expr->type() == e->type() && computed_[k].expr->wide() == e->wide())
            slot = int(k);
      if (slot >= 0) {
        ++computed_[size_t(slot)].users;
        out.push_back(int(columns_.size()) + slot);
        continue;
      }
      for (size_t k = 0; k < computed_.size() && slot < 0; ++k)
        if (!computed_[k].expr) slot = int(k);
      if (slot < 0) {
        slot = int(computed_.size());
        computed_.emplace_back();
      }
      ComputedSlot& s = computed_[size_t(slot)];
      s.column = std::make_shared<Column>(e->type(), e->wide());
      s.column->grow_rows(nrows_);
      s.expr = e;
      s.text = text;
      s.users = 1;
      s.row_local = e->row_local();
      out.push_back(int(columns_.size()) + slot);
      std::vector<uint32_t> rows = live_rids();
      evaluate_computed(rows.data(), rows.size(), false, slot);
      any_volatile_ = any_volatile_ || !s.row_local;
    }
  } catch (...) {
    lock.unlock();
    release_computed(out);
    throw;
  }
  return out;
}

void Table::release_computed(const std::vector<int>& indices) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  for (int i : indices) {
    size_t k = size_t(i) - columns_.size();
    if (i < int(columns_.size()) || k >= computed_.size() || !computed_[k].expr) continue;
    ComputedSlot& s = computed_[k];
    if (--s.users > 0) continue;
    s = ComputedSlot();  // frees the column (snapshots keep their buffers)
  }
  while (!computed_.empty() && !computed_.back().expr) computed_.pop_back();
  any_volatile_ = false;
  for (auto& s : computed_) any_volatile_ = any_volatile_ || (s.expr && !s.row_local);
}

}  // namespace parallax
