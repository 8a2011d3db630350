// Prints the expected strings of Parallax's writer tests (cpp/tests/write_*_test.cpp)
// as C++ string literals, recorded from @finos/perspective 3.8.0.
// Run: node write_oracle_cases.mjs  (with @finos/perspective and apache-arrow installed)
import perspective from "@finos/perspective";
import * as arrow from "apache-arrow";

function lit(s) {
  const bytes = Buffer.from(s, "utf8");
  let out = '"';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (c === '"' || c === "\\") out += "\\" + c;
    else if (c === "\n") out += "\\n";
    else if (b >= 0x20 && b < 0x7f) out += c;
    else out += "\\" + b.toString(8).padStart(3, "0");
  }
  return out + '"';
}
function emit(name, s) { console.log(`// ${name}\n${lit(s)}`); }
async function all4(prefix, v, w = {}) {
  emit(prefix + " columns", await v.to_columns_string(w));
  emit(prefix + " records", await v.to_json_string(w));
  emit(prefix + " ndjson", await v.to_ndjson(w));
  emit(prefix + " csv", await v.to_csv(w));
}

const t = await perspective.table({g: "string", h: "integer", i: "integer", f: "float", d: "date", dt: "datetime", b: "boolean"}, {index: "i"});
await t.update([
  {g: "a", h: 1, i: 1, f: 1.5, d: "2020-01-02", dt: 1577923200123, b: true},
  {g: "a", h: 2, i: 2, f: 2.5, d: "2020-01-03", dt: 1577923200000, b: false},
  {g: "b", h: 1, i: 3, f: null, d: null, dt: null, b: null},
  {g: null, h: 1, i: 4, f: 4, d: "2020-01-02", dt: 0, b: true},
]);
let v = await t.view();
await all4("flat", v);
await all4("flat id index", v, {id: true, index: true});
await all4("flat id index formatted", v, {id: true, index: true, formatted: true});
await all4("flat no rows", v, {start_row: 2, end_row: 2});
v = await t.view({columns: []});
await all4("no columns", v);
await all4("no columns id", v, {id: true});
v = await t.view({group_by: ["g"]});
await all4("group g", v);
await all4("group g id index formatted", v, {id: true, index: true, formatted: true});
v = await t.view({group_by: ["g", "h"], columns: ["i", "f"]});
await all4("group gh id index", v, {id: true, index: true});
await all4("group gh leaves id index", v, {leaves_only: true, id: true, index: true});
v = await t.view({group_by: ["d", "dt"], columns: ["i"]});
await all4("group d dt", v);
await all4("group d dt formatted", v, {formatted: true});
v = await t.view({group_by: ["g"], columns: []});
await all4("group g no columns", v);
v = await t.view({split_by: ["g"], columns: ["i", "f"]});
await all4("split g", v);
await all4("split g id index", v, {id: true, index: true});
v = await t.view({group_by: ["h"], split_by: ["g"], columns: ["i", "f"]});
await all4("group h split g id index", v, {id: true, index: true});
v = await t.view({split_by: ["g"], columns: ["i"], filter: [["i", ">", 100]]});
await all4("split no columns", v);

const te = await perspective.table({i: "integer", s: "string"});
await all4("empty table", await te.view(), {id: true, index: true});

const ts = await perspective.table({'a"b': "integer", "c,d\ne": "string", "x\\y\u0001": "float"});
await ts.update([{'a"b': 1, "c,d\ne": 'q"u"o\r\nte', "x\\y\u0001": 1.5}, {'a"b': null, "c,d\ne": "é😀</", "x\\y\u0001": 2}]);
await all4("names", await ts.view());
const t2 = await perspective.table({s: "string"});
const ascii = []; for (let i = 1; i < 128; i++) ascii.push(String.fromCharCode(i));
await t2.update([{s: ascii.join("")}, {s: ""}, {s: null}]);
await all4("ascii", await t2.view());

const vals = [NaN, Infinity, -Infinity, -0.0, 0.0, 2, 1e21, 1e20, -2.5e-7, 0.1 + 0.2, 1e9, 1e10, 123456789.5,
  9999999999, 12345678901, 0.000001, 0.0000012345, 1.5e-6, 1e22, 1.7976931348623157e308, 2.2250738585072014e-308,
  5e-324, 123456789012345680000, 1 / 3, 100, 1e100, 1234.5e-10, 0.0006504663499999999, 34.412350000000004];
const tf = await perspective.table(arrow.tableToIPC(arrow.tableFromArrays({f: Float64Array.from(vals)}), "stream").buffer);
const vf = await tf.view();
emit("floats columns", await vf.to_columns_string());
emit("floats csv", await vf.to_csv());
process.exit(0);
