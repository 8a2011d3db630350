// Records the expectations of cpp/tests/pivot_oracle_test.cpp from the
// reference engine, @finos/perspective 3.8.0.
//   cp gen_pivot_oracle.mjs <dir with @finos/perspective installed>/ && \
//   node <dir>/gen_pivot_oracle.mjs pivot_oracle_cases.json
// Each case: a table (created from `data`: creation nulls, or an empty table
// of `schema` updated with `data`: update nulls, optionally more updates),
// a view config, optional expand/collapse/set_depth ops, and what the
// reference returned: to_columns, schema, column_paths, num_rows, op
// results, get_min_max of the first column, or the view error.
import perspective from "@finos/perspective";
import fs from "fs";

const SCHEMA = { g: "string", h: "string", i: "integer", f: "float", s: "string", b: "boolean", d: "date", dt: "datetime", w: "float" };
// Ten rows with nulls everywhere, two group columns; floats never integral
// first, so creating a table from these columns infers the same types.
const DATA = {
  g: ["a", "a", "a", "a", "b", "b", "c", "c", "c", "c"],
  h: ["x", "y", "x", null, "y", "y", "x", null, "x", "y"],
  i: [1, -2, null, 2, 5, null, null, 7, 3, 4],
  f: [1.5, -2.5, null, 4.25, 5.5, null, null, 0.5, 0.25, 0.75],
  s: ["x", "y", null, "x", "z", null, null, "q", "q", "a"],
  b: [true, false, null, true, false, null, null, true, true, false],
  d: ["2020-01-02", "2020-01-03", null, "2020-01-02", "2020-02-01", null, null, "2019-12-31", "2019-12-31", "2019-12-30"],
  dt: ["2020-01-02 03:04:05.000", "2020-01-02 03:04:05.001", null, "2020-01-02 03:04:05.000", "2020-01-02 03:04:05.999", null, null, "1970-01-01 00:00:00.001", "1970-01-01 00:00:00.002", "1970-01-01 00:00:00.003"],
  w: [1.5, 3.5, 2.5, null, 1.5, 1.5, 1.5, 0.5, 2.5, 1.5],
};
const AGGS = ["sum", "abs sum", "sum abs", "sum not null", "avg", "weighted mean", "count", "distinct count", "dominant",
  "first", "last", "last by index", "last minus first", "high", "low", "high minus low", "max", "min", "median", "q1", "q3",
  "stddev", "var", "unique", "join", "any", "pct sum parent", "pct sum grand total", "max by", "min by", "mul", "and",
  "distinct leaf", "identity", "mean by count", "no such agg"];
const ALIASES = ["mean", "distinct", "distinctcount", "distinct_count", "first by index", "last_value", "high_water_mark",
  "low_water_mark", "variance", "standard deviation", "or", "pct_sum_parent", "pct sum total", "pct_sum_total",
  "pct_sum_grand_total", "abs_sum", "sum_abs", "sum_not_null", "max_by", "min_by", "distinct_leaf", "weighted_mean"];
const withArg = (a) => (["weighted mean", "weighted_mean", "max by", "max_by", "min by", "min_by"].includes(a) ? [a, [a.startsWith("min") ? "i" : "w"]] : a);

const cases = [];
const add = (name, c) => cases.push({ name, mode: "update", schema: SCHEMA, data: DATA, ...c });
for (const mode of ["create", "update"]) {
  for (const a of AGGS) for (const col of ["i", "f", "s", "b", "d", "dt"])
    add(`${mode} ${a} ${col}`, { mode, config: { group_by: ["g"], columns: [col], aggregates: { [col]: withArg(a) } } });
  for (const a of AGGS.slice(0, 33)) for (const col of ["i", "f", "s"])
    add(`${mode} 2-level ${a} ${col}`, { mode, config: { group_by: ["g", "h"], columns: [col], aggregates: { [col]: withArg(a) } } });
}
for (const a of ALIASES) add(`alias ${a}`, { config: { group_by: ["g"], columns: ["i", "f"], aggregates: { i: withArg(a), f: withArg(a) } } });
// group orders: every type as a group key, both null kinds, and both together
for (const col of ["i", "f", "s", "b", "d", "dt", "h"]) {
  add(`order create ${col}`, { mode: "create", config: { group_by: [col], columns: ["i"], aggregates: { i: "count" } } });
  add(`order update ${col}`, { config: { group_by: [col], columns: ["i"], aggregates: { i: "count" } } });
  add(`order both nulls ${col}`, { updates: [{ g: ["z", "z"], [col]: [null, null], i: [1, 2] }], config: { group_by: [col], columns: ["i"], aggregates: { i: "count" } } });
  add(`split path ${col}`, { config: { group_by: ["g"], split_by: [col], columns: ["f"], aggregates: { f: "sum" } } });
  add(`split only ${col}`, { config: { split_by: [col], columns: ["f", "s", "b", "d"] } });
}
add("split 2 levels", { config: { group_by: ["g"], split_by: ["h", "b"], columns: ["i", "s"], aggregates: { i: "pct sum parent", s: "last" } } });
add("split pct total", { config: { group_by: ["g", "h"], split_by: ["b"], columns: ["f"], aggregates: { f: "pct sum grand total" } } });
add("split pct parent 2 rows", { config: { group_by: ["g", "h"], split_by: ["b"], columns: ["f", "i"], aggregates: { f: "pct sum parent", i: "median" } } });
add("split only sorted", { config: { split_by: ["h"], columns: ["i", "f"], sort: [["f", "desc"]] } });
add("split only col sort", { config: { split_by: ["h", "b"], columns: ["i"], sort: [["i", "col desc"]] } });
add("split empty filter", { config: { group_by: ["g"], split_by: ["h"], columns: ["f"], filter: [["i", ">", 100]] } });
add("split empty filter sorted", { config: { group_by: ["g"], split_by: ["h"], columns: ["f"], filter: [["i", ">", 100]], sort: [["i", "desc"]] } });
// sorts
for (const dir of ["asc", "desc", "asc abs", "desc abs", "none"]) {
  add(`sort ${dir}`, { config: { group_by: ["g", "h"], columns: ["i", "f"], sort: [["f", dir]] } });
  add(`sort hidden ${dir}`, { config: { group_by: ["g", "h"], columns: ["f"], sort: [["i", dir]] } });
  add(`sort split rows ${dir}`, { config: { group_by: ["g"], split_by: ["h"], columns: ["i"], sort: [["i", dir]] } });
}
add("sort by group column", { config: { group_by: ["g", "h"], columns: ["f"], sort: [["h", "desc"]] } });
add("sort two keys", { config: { group_by: ["h", "g"], columns: ["b", "f"], aggregates: { b: "count" }, sort: [["b", "desc"], ["f", "asc"]] } });
add("sort col asc", { config: { group_by: ["g"], split_by: ["h"], columns: ["f"], sort: [["f", "col asc"]] } });
add("sort col desc 2 levels", { config: { group_by: ["g"], split_by: ["h", "s"], columns: ["i"], sort: [["i", "col desc"]] } });
add("sort pct by stored sum", { config: { group_by: ["g"], split_by: ["h"], columns: ["f"], aggregates: { f: "pct sum parent" }, sort: [["f", "col desc"], ["f", "desc"]] } });
// filters, empty results, depth
add("filter", { config: { group_by: ["g"], columns: ["i", "f"], filter: [["f", ">", 0]] } });
add("filter empty", { config: { group_by: ["g"], columns: ["i", "f", "s", "b", "d", "dt"], aggregates: { i: "count", f: "avg", s: "first", b: "and", d: "join", dt: "max" }, filter: [["i", ">", 100]] } });
add("empty table", { mode: "schema", config: { group_by: ["g"], columns: ["i", "s"] } });
add("depth 1", { config: { group_by: ["g", "h"], columns: ["i"], group_by_depth: 1 } });
add("depth 2 of 3", { config: { group_by: ["g", "h", "b"], columns: ["i"], group_by_depth: 2 } });
// expand / collapse / set_depth
add("collapse expand", { config: { group_by: ["g", "h"], columns: ["i"] }, ops: [["collapse", 1], ["collapse", 0], ["expand", 0], ["expand", 1], ["expand", 3], ["collapse", 99]] });
add("set depth", { config: { group_by: ["g", "h", "b"], columns: ["i"] }, ops: [["set_depth", 0], ["expand", 2], ["set_depth", 1], ["set_depth", 5], ["set_depth", 3], ["collapse", 4]] });
add("expand survives update", { config: { group_by: ["g", "h"], columns: ["i"] }, ops: [["set_depth", 0], ["expand", 1], ["update", { g: ["d", "a"], h: ["x", "z"], i: [9, 9] }]] });
add("split expand leaf", { config: { group_by: ["g"], split_by: ["h"], columns: ["i"] }, ops: [["expand", 2], ["collapse", 0], ["expand", 0]] });
// leaf creation order across updates (last, median over leaves)
add("leaf order after update", { updates: [{ g: ["0", "b"], h: ["y", "x"], i: [11, 12], f: [1.25, 2.25] }], config: { group_by: ["g"], columns: ["i", "f"], aggregates: { i: "last", f: "median" } } });

const out = [];
for (const c of cases) {
  const r = { name: c.name, mode: c.mode, schema: c.schema, data: c.mode === "schema" ? null : c.data, updates: c.updates || [], config: c.config, ops: c.ops || [] };
  try {
    const t = c.mode === "create" ? await perspective.table(structuredClone(c.data)) : await perspective.table(structuredClone(c.schema));
    if (c.mode === "update") await t.update(structuredClone(c.data));
    let v;
    try { v = await t.view(structuredClone(c.config)); } catch (e) { r.error = String(e.message || e).replace(/^Abort\(\): /, "").split("\n")[0]; }
    if (v) {
      for (const u of r.updates) await t.update(structuredClone(u));
      r.op_results = [];
      for (const [op, arg] of r.ops) {
        if (op === "expand") r.op_results.push(await v.expand(arg));
        else if (op === "collapse") r.op_results.push(await v.collapse(arg));
        else if (op === "set_depth") { await v.set_depth(arg); r.op_results.push(null); }
        else if (op === "update") { await t.update(structuredClone(arg)); r.op_results.push(null); }
      }
      r.to_columns = await v.to_columns();
      r.view_schema = await v.schema();
      r.column_paths = await v.column_paths();
      r.num_rows = await v.num_rows();
      if ((c.config.columns || []).length && c.config.group_by) {
        try { r.min_max = [c.config.columns[0], await v.get_min_max(c.config.columns[0])]; } catch (e) { r.min_max = [c.config.columns[0], "error"]; }
      }
      await v.delete();
    }
    await t.delete();
  } catch (e) { r.error = "harness: " + String(e.message || e); }
  out.push(r);
}
// The reference logs to stdout ("Cannot expand past N"): write the file directly.
fs.writeFileSync(process.argv[2], JSON.stringify(out));
process.exit(0);
