#include "parallax/table/table_delta.h"

#include "parallax/core/flat_map.h"

namespace parallax {

NetChange NetChange::of(const std::vector<TableDeltaPtr>& deltas) {
  NetChange out;
  // Per touched rid: its first old cells (or none: it became live in the
  // sequence) and whether the last change left it live.
  struct Fate {
    uint32_t rid;
    int32_t delta;  // index into deltas, -1: not live before
    uint32_t pos;
    bool live;
    bool recycled;  // became live again after an earlier touch
  };
  size_t rows = 0;
  for (const TableDeltaPtr& d : deltas) rows += d->rows();
  std::vector<Fate> fates;
  fates.reserve(rows);
  FlatMap64 seen;
  seen.reserve(rows);
  auto touch = [&](uint32_t rid, int32_t d, uint32_t pos, bool live) {
    int64_t f = seen.find(rid);
    if (f >= 0) {
      Fate& fate = fates[size_t(f)];
      if (d < 0) fate.recycled = true;
      fate.live = live;
      return;
    }
    seen.put(rid, uint32_t(fates.size()));
    fates.push_back({rid, d, pos, live, false});
  };
  for (size_t i = 0; i < deltas.size(); ++i) {
    const TableDelta& d = *deltas[i];
    const uint32_t nc = uint32_t(d.changed.size());
    for (uint32_t p = 0; p < nc; ++p) touch(d.changed[p], int32_t(i), p, true);
    for (uint32_t p = 0; p < d.removed.size(); ++p) touch(d.removed[p], int32_t(i), nc + p, false);
    for (uint32_t r : d.added) touch(r, -1, 0, true);
  }
  std::vector<int64_t> group(deltas.size(), -1);
  out.after.reserve(fates.size());
  out.rids.reserve(fates.size());
  for (const Fate& f : fates) {
    if (f.delta >= 0) {
      int64_t& g = group[size_t(f.delta)];
      if (g < 0) {
        g = int64_t(out.before.size());
        out.before.push_back({deltas[size_t(f.delta)].get(), {}});
      }
      out.before[size_t(g)].positions.push_back(f.pos);
    }
    if (f.live) out.after.push_back(f.rid);
    out.rids.push_back(f.rid);
    if (f.delta >= 0) out.was_live.push_back(f.rid);
    if (f.live && f.recycled) out.recycled.push_back(f.rid);
  }
  return out;
}

}  // namespace parallax
