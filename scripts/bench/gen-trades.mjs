// Deterministic "trades" dataset for scripts/bench (same seeds, columns and row
// generator as the shared benchmark's dataset, so figures compare with it).
// Usage: node gen-trades.mjs OUT_DIR SIZES(comma-separated)
// Writes trades_<N>.csv and trades_<N>.arrow (IPC file, utf8 strings, 1M-row
// batches) per size, and updates.csv (1,000 batches x 100 rows against 1M).
import fs from "fs";
import path from "path";
import * as arrow from "apache-arrow";

const OUT = process.argv[2] || "data";
const SIZES = (process.argv[3] || "1000000").split(",").map(Number);
const BATCH_ROWS = 1_000_000;

// mulberry32: 32-bit state, returns floats in [0, 1).
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const symbols = [...Array(2000).keys()].map((i) => `S${String(i).padStart(4, "0")}`);
const traders = [...Array(200).keys()].map((i) => `T${String(i).padStart(3, "0")}`);
const sides = ["buy", "sell"];
const venues = ["NYSE", "NASDAQ", "ARCA", "BATS", "IEX", "EDGX", "EDGA", "BYX", "MEMX", "LTSE", "AMEX", "PSX"];
const T0 = Date.UTC(2024, 0, 2, 9, 30, 0, 0);
const basePrices = (() => {
  const r = prng(7);
  return symbols.map(() => 5 + Math.floor(r() * 99500) / 100);
})();

function nextTrade(r, i) {
  const sym = Math.floor(r() * symbols.length);
  const trader = Math.floor(r() * traders.length);
  const side = r() < 0.5 ? 0 : 1;
  const venue = Math.floor(r() * venues.length);
  const qty = 1 + Math.floor(r() * 1000);
  const price = Math.round(basePrices[sym] * (0.9 + 0.2 * r()) * 100) / 100;
  return { sym, trader, side, venue, qty, price, notional: qty * price, ts: T0 + i * 7 + Math.floor(r() * 5) };
}

const two = (n) => String(n).padStart(2, "0");
function tsText(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, "0")}`;
}
const HEADER = "id,symbol,trader,side,venue,qty,price,notional,ts";
const csvRow = (id, t) =>
  `${id},${symbols[t.sym]},${traders[t.trader]},${sides[t.side]},${venues[t.venue]},${t.qty},${t.price},${t.notional},${tsText(t.ts)}`;

function utf8(values, codes) {
  const bytes = values.map((v) => Buffer.from(v));
  const offsets = new Int32Array(codes.length + 1);
  for (let i = 0; i < codes.length; i++) offsets[i + 1] = offsets[i] + bytes[codes[i]].length;
  const data = new Uint8Array(offsets[codes.length]);
  for (let i = 0; i < codes.length; i++) data.set(bytes[codes[i]], offsets[i]);
  return arrow.makeData({ type: new arrow.Utf8(), length: codes.length, nullCount: 0, valueOffsets: offsets, data });
}

function writeSize(n) {
  const r = prng(42);
  const fields = [
    ["id", new arrow.Int32()], ["symbol", new arrow.Utf8()], ["trader", new arrow.Utf8()], ["side", new arrow.Utf8()],
    ["venue", new arrow.Utf8()], ["qty", new arrow.Int32()], ["price", new arrow.Float64()],
    ["notional", new arrow.Float64()], ["ts", new arrow.TimestampMillisecond()],
  ].map(([name, type]) => new arrow.Field(name, type, false));
  const schema = new arrow.Schema(fields);
  const csv = fs.openSync(path.join(OUT, `trades_${n}.csv`), "w");
  fs.writeSync(csv, HEADER + "\n");
  const batches = [];
  for (let start = 0; start < n; start += BATCH_ROWS) {
    const len = Math.min(BATCH_ROWS, n - start);
    const col = {
      id: new Int32Array(len), sym: new Int32Array(len), trader: new Int32Array(len), side: new Int32Array(len),
      venue: new Int32Array(len), qty: new Int32Array(len), price: new Float64Array(len),
      notional: new Float64Array(len), ts: new BigInt64Array(len),
    };
    let lines = [];
    for (let j = 0; j < len; j++) {
      const i = start + j;
      const t = nextTrade(r, i);
      col.id[j] = i; col.sym[j] = t.sym; col.trader[j] = t.trader; col.side[j] = t.side; col.venue[j] = t.venue;
      col.qty[j] = t.qty; col.price[j] = t.price; col.notional[j] = t.notional; col.ts[j] = BigInt(t.ts);
      lines.push(csvRow(i, t));
      if (lines.length === 50000) { fs.writeSync(csv, lines.join("\n") + "\n"); lines = []; }
    }
    if (lines.length) fs.writeSync(csv, lines.join("\n") + "\n");
    const prim = (type, data) => arrow.makeData({ type, length: len, nullCount: 0, data });
    batches.push(new arrow.RecordBatch(schema, arrow.makeData({
      type: new arrow.Struct(fields), length: len, nullCount: 0,
      children: [prim(new arrow.Int32(), col.id), utf8(symbols, col.sym), utf8(traders, col.trader), utf8(sides, col.side),
        utf8(venues, col.venue), prim(new arrow.Int32(), col.qty), prim(new arrow.Float64(), col.price),
        prim(new arrow.Float64(), col.notional), prim(new arrow.TimestampMillisecond(), col.ts)],
    })));
  }
  fs.closeSync(csv);
  fs.writeFileSync(path.join(OUT, `trades_${n}.arrow`), arrow.tableToIPC(new arrow.Table(schema, batches), "file"));
  console.log(`trades_${n}: ${n} rows`);
}

function writeUpdates() {
  const r = prng(99);
  const out = [HEADER + ",batch"];
  let fresh = 1_000_000;
  for (let b = 0; b < 1000; b++) {
    for (let k = 0; k < 100; k++) {
      const id = r() < 0.3 ? fresh++ : Math.floor(r() * 1_000_000);
      out.push(`${csvRow(id, nextTrade(r, 1_000_000 + b * 100 + k))},${b}`);
    }
  }
  fs.writeFileSync(path.join(OUT, "updates.csv"), out.join("\n") + "\n");
  console.log(`updates.csv: 100000 rows, ${fresh - 1_000_000} inserts`);
}

fs.mkdirSync(OUT, { recursive: true });
for (const n of SIZES) writeSize(n);
writeUpdates();
