// Reference-engine side of scripts/bench: runs the benchmark workloads in
// @finos/perspective 3.8.0 (Node, WASM) and writes JSON results.
// Usage: node reference.mjs DATA_DIR SIZES OUT.json [--stream | --stream-only] [--loads]
// Workloads (same definitions as the Parallax and DuckDB sides, see scripts/bench/README.md):
//   load_arrow, load_csv, to_arrow (full), groupby_symbol, groupby_venue_trader,
//   groupby_symbol_split_side, sort_notional_top100, filter_venue_qty,
//   stream (indexed 1M table, live group_by views, 1,000 x 100-row batches).
import perspective from "@finos/perspective";
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";
import * as arrow from "apache-arrow";

const [DATA, SIZES_ARG, OUT] = process.argv.slice(2);
const SIZES = (SIZES_ARG || "1000000").split(",").map(Number);
const CHILD = process.argv.includes("--child");
const LOADS_ONLY = process.argv.includes("--loads");  // load_arrow and load_csv only (scripts/bench/loads)
const REPS = 5;

const rss = () => {
  const s = fs.readFileSync("/proc/self/status", "utf8");
  const kb = (k) => Number((s.match(new RegExp(k + ":\\s+(\\d+)")) || [0, 0])[1]);
  return { rss_mb: kb("VmRSS") / 1024, peak_mb: kb("VmHWM") / 1024 };
};
const sorted = (a) => [...a].sort((x, y) => x - y);
const median = (a) => { const b = sorted(a); const m = b.length >> 1; return b.length % 2 ? b[m] : (b[m - 1] + b[m]) / 2; };
const quantile = (a, q) => { const b = sorted(a); return b[Math.min(b.length - 1, Math.ceil(q * b.length) - 1)]; };

async function timeit(label, run, cleanup) {
  const rec = { times_ms: [] };
  try {
    let t = performance.now();
    let r = await run();
    const warm = performance.now() - t;
    if (cleanup) await cleanup(r);
    const reps = warm > 30000 ? 1 : warm > 5000 ? 3 : REPS;
    for (let i = 0; i < reps; i++) {
      t = performance.now();
      r = await run();
      rec.times_ms.push(performance.now() - t);
      if (cleanup) await cleanup(r);
    }
    rec.median_ms = median(rec.times_ms);
  } catch (e) {
    rec.error = String((e && e.message) || e);
  }
  console.log(`  ${label}: ${rec.error ? "ERROR " + rec.error : rec.median_ms.toFixed(1) + " ms"}`);
  return rec;
}

// The WASM heap is 4 GiB: above 2M rows inputs go in as 1M-row chunks (table + updates), split outside the timers.
function arrowChunks(buf, n) {
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  if (n <= 2_000_000) return [ab];
  return arrow.tableFromIPC(new Uint8Array(ab)).batches.map((b) => arrow.tableToIPC(new arrow.Table([b]), "stream").slice().buffer);
}
async function load(chunks, opts) {
  const t = await perspective.table(chunks[0], opts);
  for (let i = 1; i < chunks.length; i++) await t.update(chunks[i]);
  return t;
}

const QUERIES = {
  groupby_symbol: { group_by: ["symbol"], columns: ["notional", "id"], aggregates: { notional: "sum", id: "count" } },
  groupby_venue_trader: { group_by: ["venue", "trader"], columns: ["qty", "price", "notional"], aggregates: { qty: "sum", price: "avg", notional: "max" } },
  groupby_symbol_split_side: { group_by: ["symbol"], split_by: ["side"], columns: ["qty"], aggregates: { qty: "sum" } },
  sort_notional_top100: { sort: [["notional", "desc"]] },
  filter_venue_qty: { filter: [["venue", "==", "NYSE"], ["qty", ">", 500]] },
};

async function runSize(n) {
  const res = { rows: n };
  const chunks = arrowChunks(fs.readFileSync(path.join(DATA, `trades_${n}.arrow`)), n);
  res.load_arrow = await timeit(`[${n}] load_arrow`, () => load(chunks), (t) => t.delete());
  if (n <= 2_000_000) {
    const csv = fs.readFileSync(path.join(DATA, `trades_${n}.csv`), "utf8");
    res.load_csv = await timeit(`[${n}] load_csv`, () => perspective.table(csv), (t) => t.delete());
  } else {
    res.load_csv = { error: "not run: the 4 GiB WASM heap cannot take the whole CSV in one call" };
  }
  if (LOADS_ONLY) {
    const t = await load(chunks);
    res.peak_after_load = rss();
    await t.delete();
    return res;
  }
  const table = await load(chunks);
  res.peak_after_load = rss();
  const full = await table.view();
  res.to_arrow = await timeit(`[${n}] to_arrow`, () => full.to_arrow());
  await full.delete();
  for (const [name, cfg] of Object.entries(QUERIES)) {
    const read = name === "sort_notional_top100" ? (v) => v.to_columns({ start_row: 0, end_row: 100 })
      : name === "filter_venue_qty" ? (v) => v.to_arrow() : (v) => v.to_columns();
    res[name] = await timeit(`[${n}] ${name}`, async () => { const v = await table.view(cfg); await read(v); return v; }, (v) => v.delete());
  }
  await table.delete();
  res.memory = rss();
  return res;
}

async function runStream() {
  const lines = fs.readFileSync(path.join(DATA, "updates.csv"), "utf8").trim().split("\n");
  const header = lines[0].split(",").slice(0, -1).join(",");
  const batches = [];
  for (let i = 1; i < lines.length; i++) {
    const cut = lines[i].lastIndexOf(",");
    const b = Number(lines[i].slice(cut + 1));
    (batches[b] ||= [header]).push(lines[i].slice(0, cut));
  }
  const csv = batches.map((b) => b.join("\n") + "\n");
  const base = fs.readFileSync(path.join(DATA, "trades_1000000.arrow"));
  const table = await perspective.table(base.buffer.slice(base.byteOffset, base.byteOffset + base.byteLength), { index: "id" });
  const v1 = await table.view({ group_by: ["symbol"], columns: ["notional"], aggregates: { notional: "sum" } });
  const v2 = await table.view({ group_by: ["venue", "trader"], split_by: ["side"], columns: ["qty", "notional"] });
  let fired = 0, resolveFired;
  await v1.on_update(() => { fired++; if (resolveFired) resolveFired(); });
  const lat = [];
  const t0 = performance.now();
  for (const c of csv) {
    const wait = new Promise((r) => (resolveFired = r));
    const t = performance.now();
    await table.update(c);
    await wait;
    await v1.to_columns({ start_row: 0, end_row: 50 });
    lat.push(performance.now() - t);
  }
  const total = performance.now() - t0;
  await v2.delete(); await v1.delete(); await table.delete();
  const rec = { batches: csv.length, rows_per_batch: 100, fired, p50_ms: quantile(lat, 0.5), p99_ms: quantile(lat, 0.99), max_ms: Math.max(...lat), rows_per_s: (csv.length * 100) / (total / 1000) };
  console.log(`  stream: p50 ${rec.p50_ms.toFixed(2)} ms, p99 ${rec.p99_ms.toFixed(2)} ms, ${rec.rows_per_s.toFixed(0)} rows/s`);
  return rec;
}

const out = { engine: "@finos/perspective", version: "3.8.0", node: process.version, sizes: {} };
if (CHILD) {
  const n = SIZES[0];
  if (!process.argv.includes("--stream-only")) {
    try { out.sizes[n] = await runSize(n); } catch (e) { out.sizes[n] = { fatal: String(e) }; }
  }
  if (process.argv.includes("--stream") || process.argv.includes("--stream-only")) { try { out.stream = await runStream(); } catch (e) { out.stream = { error: String(e) }; } }
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2));
  process.exit(0);
}
// Each size in its own process (a fresh WASM heap); merge the children's files.
const { spawnSync } = await import("child_process");
for (const n of SIZES) {
  const part = `${OUT}.${n}.part`;
  const args = [fileURLToPath(import.meta.url), DATA, String(n), part, "--child"];
  if (n === 1_000_000 && process.argv.includes("--stream")) args.push("--stream");
  if (n === 1_000_000 && process.argv.includes("--stream-only")) args.push("--stream-only");
  if (LOADS_ONLY) args.push("--loads");
  spawnSync(process.execPath, ["--max-old-space-size=12000", ...args], { stdio: "inherit" });
  if (fs.existsSync(part)) {
    const c = JSON.parse(fs.readFileSync(part, "utf8"));
    Object.assign(out.sizes, c.sizes);
    if (c.stream) out.stream = c.stream;
    fs.unlinkSync(part);
  } else out.sizes[n] = { fatal: "child process died" };
}
fs.writeFileSync(OUT, JSON.stringify(out, null, 2));
process.exit(0);
