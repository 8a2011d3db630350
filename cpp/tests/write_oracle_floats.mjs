// Records doubles (as bits) with the oracle's to_columns_string and to_csv text, one
// "bits<TAB>json<TAB>csv" line each. Run: node write_oracle_floats.mjs [N] [out.tsv]
import perspective from "@finos/perspective";
import * as arrow from "apache-arrow";
import fs from "fs";
// deterministic PRNG
let s = 0x9e3779b97f4a7c15n;
function next() { s ^= s << 13n; s &= (1n<<64n)-1n; s ^= s >> 7n; s ^= s << 17n; s &= (1n<<64n)-1n; return s; }
const N = parseInt(process.argv[2] || "200000");
const buf = new BigUint64Array(N);
const f64 = new Float64Array(buf.buffer);
for (let i = 0; i < N; i++) {
  const mode = i % 6;
  if (mode === 0 || mode === 1) { buf[i] = next(); }       // random bits
  else if (mode === 2) { f64[i] = Number(next() % 100000000n) / Math.pow(10, Number(next() % 12n)); } // decimals
  else if (mode === 3) { f64[i] = Number(next() % 10000000000000000000n) * Math.pow(10, Number(next() % 40n) - 20); }
  else if (mode === 4) { f64[i] = (Number(next() % 2000001n) - 1000000) / 8; }
  else { f64[i] = Math.pow(2, Number(next() % 2000n) - 1000) * (1 + Number(next() % 1024n) / 1024); }
  if (!Number.isFinite(f64[i])) f64[i] = i;   // keep finite
}
const tbl = arrow.tableFromArrays({f: f64});
const t = await perspective.table(arrow.tableToIPC(tbl, "stream").buffer);
const v = await t.view();
const js = await v.to_columns_string();
const csv = await v.to_csv();
const jv = js.slice(6, -2).split(",");
const cv = csv.split("\n").slice(1, -1);
if (jv.length !== N || cv.length !== N) throw new Error("len " + jv.length + " " + cv.length);
const lines = [];
for (let i = 0; i < N; i++) lines.push(buf[i].toString(16).padStart(16, "0") + "\t" + jv[i] + "\t" + cv[i]);
fs.writeFileSync(process.argv[3] || "floats.tsv", lines.join("\n") + "\n");
console.log("ok", N);
process.exit(0);
