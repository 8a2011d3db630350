// Generates the project's own conformance cases by running every case through
// the reference engine (@finos/perspective 3.8.0) and recording its outputs in
// the case format of FORMAT.md (docs/CONFORMANCE.md). Expected values are never
// typed by hand. Deterministic: re-running gives identical files.
// Usage: (cd scripts/conformance && npm install && node gen-cases.mjs [OUT_DIR=../../conformance])
// Each case runs in its own child process (see recordIsolated); takes a few minutes.
import perspective from "@finos/perspective";
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(process.argv[2] && process.argv[2] !== "--one" ? process.argv[2] : path.join(HERE, "..", "..", "conformance"));

// ------------------------------------------------------------------ data
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
const SCHEMA = { id: "integer", g: "string", g2: "string", i: "integer", f: "float", s: "string", b: "boolean", d: "date", dt: "datetime", w: "float" };
const G = ["north", "South", "east"];
const G2 = ["x", "Y"];
const S = ["apple", "Banana", "cherry", "", "apple pie", "Date", "éclair"];
const day = (k) => new Date(Date.UTC(2024, 0, 1) + k * 86400000).toISOString().slice(0, 10);

function makeColumns(n, seed, nullRate) {
  const r = prng(seed);
  const c = Object.fromEntries(Object.keys(SCHEMA).map((k) => [k, []]));
  const maybe = (v) => (r() < nullRate ? null : v);
  for (let k = 0; k < n; k++) {
    c.id.push(k);
    c.g.push(maybe(G[Math.floor(r() * G.length)]));
    c.g2.push(maybe(G2[Math.floor(r() * G2.length)]));
    c.i.push(maybe(Math.floor(r() * 41) - 20));
    c.f.push(maybe(Math.round((r() * 200 - 50) * 4) / 4));
    c.s.push(maybe(S[Math.floor(r() * S.length)]));
    c.b.push(maybe(r() < 0.5));
    c.d.push(maybe(day(Math.floor(r() * 20))));
    c.dt.push(maybe(Date.UTC(2024, 2, 1) + Math.floor(r() * 10 * 86400) * 1000));
    c.w.push(maybe(Math.round(r() * 40) / 4));
  }
  return c;
}
const DATASETS = {
  mx: { description: "48 rows, groups g (3 values) x g2 (2), every type, ~12% nulls (loaded through update: update-nulls)", schema: SCHEMA, columns: makeColumns(48, 20261122, 0.12) },
};
// Tie-heavy tables for `desc abs` / `asc abs` (few distinct |values|, both signs,
// nulls): the reference's order of such ties comes from its hash-map input order
// and libc++'s std::sort (docs/COMPATIBILITY.md), so they get their own sizes
// around the algorithm's thresholds (insertion sort < 24, ninther > 128).
const TIE_SIZES = [5, 23, 24, 25, 129, 500, 2000];
function makeTies(n, seed) {
  const r = prng(seed);
  const k = 1 + Math.floor(r() * 5);
  const S = ["a", "B", "", "dd", "É"];
  const c = { id: [], i: [], f: [], s: [], g: [] };
  const maybe = (v) => (r() < 0.1 ? null : v);
  for (let j = 0; j < n; j++) {
    c.id.push(j);
    c.i.push(maybe(Math.floor(r() * (2 * k + 1)) - k));
    c.f.push(maybe((Math.floor(r() * (2 * k + 1)) - k) * 0.5));
    c.s.push(maybe(S[Math.floor(r() * S.length)]));
    c.g.push(["x", "y", "z"][Math.floor(r() * 3)]);
  }
  return c;
}
const TIE_SCHEMA = { id: "integer", i: "integer", f: "float", s: "string", g: "string" };
for (const n of TIE_SIZES)
  DATASETS[`ties${n}`] = { description: `${n} rows with few distinct |values| of both signs, ~10% nulls, for abs-sort tie order`, schema: TIE_SCHEMA, columns: makeTies(n, 7000 + n) };
const rows = (cols) => cols.id.map((_, j) => Object.fromEntries(Object.keys(cols).map((k) => [k, cols[k][j]])));
// The same data loaded at creation: its nulls are creation nulls, which order differently (semantics T1).
const CTOR = { format: "rows", data: rows(DATASETS.mx.columns) };

// ------------------------------------------------------------------ cases
const cases = [];
const add = (category, name, view_config, opts = {}) =>
  cases.push({ name, category, dataset: opts.load ? null : "mx", load: opts.load, table_options: opts.table_options || {}, view_config, steps: opts.steps || [] });

const TYPES = ["i", "f", "s", "b", "d", "dt"];
const AGGS = [
  "sum", "abs sum", "abs_sum", "sum abs", "sum_abs", "sum not null", "sum_not_null", "avg", "mean", "count",
  "distinct count", "distinct", "distinctcount", "distinct_count", "dominant", "first", "first by index", "last",
  "last_value", "last by index", "last minus first", "high", "high_water_mark", "low", "low_water_mark",
  "high minus low", "max", "min", "median", "q1", "q3", "stddev", "standard deviation", "var", "variance", "unique",
  "join", "any", "pct sum parent", "pct_sum_parent", "pct sum total", "pct_sum_total", "pct sum grand total",
  "pct_sum_grand_total", "mul", "and", "or", "identity", "mean by count",
];
const WEIGHTED = ["weighted mean", "weighted_mean", "max by", "max_by", "min by", "min_by"];
const OP_NAMES = { "==": "eq", "!=": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge" };
const slug = (s) => OP_NAMES[s] || s.replace(/ /g, "-").replace(/[^a-z0-9_-]+/gi, "_");

for (const t of TYPES) {
  for (const a of AGGS) {
    add("agg_matrix", `agg_${slug(a)}_${t}_2lvl`, { group_by: ["g", "g2"], columns: [t], aggregates: { [t]: a } });
    add("agg_matrix", `agg_${slug(a)}_${t}_split`, { group_by: ["g"], split_by: ["b"], columns: [t], aggregates: { [t]: a } });
  }
  for (const a of WEIGHTED) add("agg_matrix", `agg_${slug(a)}_${t}_by_w`, { group_by: ["g", "g2"], columns: [t], aggregates: { [t]: [a, ["w"]] } });
}
// Null kinds: the same aggregates over creation nulls.
for (const t of TYPES)
  for (const a of ["max", "min", "median", "q1", "q3", "first", "last", "dominant", "unique", "high", "low", "sum", "count", "distinct count", "join"])
    add("agg_ctor_nulls", `ctor_${slug(a)}_${t}`, { group_by: ["g"], columns: [t], aggregates: { [t]: a } }, { load: CTOR });

// Filters: every operator on every type, flat and grouped.
const TERMS = {
  i: [5, -3, 2.7, "7", 0],
  f: [10.25, -20, 0],
  s: ["apple", "APPLE", "an", "", "Date", "é"],
  b: [true, false, 1, "true"],
  d: ["2024-01-05", "2024-01-10"],
  dt: ["2024-03-05", "2024-03-05 12:00:00"],
};
const LISTS = { i: [[1, 5, -3], []], f: [[10.25, 0]], s: [["apple", "Banana", ""], []], b: [[true]], d: [["2024-01-05", "2024-01-07"]], dt: [["2024-03-05"]] };
const OPS = ["==", "!=", "<", ">", "<=", ">=", "begins with", "contains", "ends with"];
for (const t of TYPES) {
  TERMS[t].forEach((term, k) => {
    for (const op of OPS) add("filter_matrix", `filter_${t}_${slug(op)}_${k}`, { columns: ["id", t], filter: [[t, op, term]] });
  });
  LISTS[t].forEach((list, k) => {
    for (const op of ["in", "not in"]) add("filter_matrix", `filter_${t}_${slug(op)}_${k}`, { columns: ["id", t], filter: [[t, op, list]] });
  });
  for (const op of ["is null", "is not null"]) add("filter_matrix", `filter_${t}_${slug(op)}`, { columns: ["id", t], filter: [[t, op]] });
  add("filter_matrix", `filter_${t}_grouped`, { group_by: ["g"], columns: [t, "f"], filter: [[t, "!=", TERMS[t][0]]] });
}
add("filter_matrix", "filter_or_three", { columns: ["id", "i", "s"], filter: [["i", ">", 10], ["s", "==", "apple"], ["b", "is null"]], filter_op: "or" });
add("filter_matrix", "filter_and_ctor_nulls", { columns: ["id", "i", "s"], filter: [["i", "!=", 3], ["s", "not in", ["apple"]]] }, { load: CTOR });
add("filter_matrix", "filter_nothing_grouped_split", { group_by: ["g"], split_by: ["g2"], columns: ["f"], filter: [["i", ">", 1000]] });

// Sorts: every direction on every type, flat (both null kinds) and grouped.
const DIRS = ["asc", "desc", "asc abs", "desc abs", "none"];
for (const t of TYPES) {
  for (const dir of DIRS) {
    add("sort_matrix", `sort_${t}_${slug(dir)}`, { columns: ["id", t], sort: [[t, dir]] });
    add("sort_matrix", `sort_${t}_${slug(dir)}_ctor`, { columns: ["id", t], sort: [[t, dir]] }, { load: CTOR });
    add("sort_matrix", `sort_${t}_${slug(dir)}_grouped`, { group_by: ["g", "g2"], columns: [t, "f"], sort: [[t, dir]] });
  }
  add("sort_matrix", `sort_${t}_hidden_multi`, { columns: ["id"], sort: [[t, "desc"], ["id", "asc"]] });
  add("sort_matrix", `group_order_${t}_ctor`, { group_by: [t], columns: ["f"] }, { load: CTOR });
  add("sort_matrix", `group_order_${t}`, { group_by: [t], columns: ["f"] });
}
for (const dir of ["col asc", "col desc", "col asc abs", "col desc abs"])
  add("sort_matrix", `sort_split_${slug(dir)}`, { group_by: ["g"], split_by: ["g2"], columns: ["f", "i"], sort: [["f", dir]] });
add("sort_matrix", "sort_split_row_by_split_col", { group_by: ["g"], split_by: ["g2"], columns: ["f"], sort: [["f", "desc"]] });

// Tie order of abs sorts (flat, indexed, filtered, multi-key, grouped).
for (const n of TIE_SIZES) {
  const ds = `ties${n}`;
  const data = rows(DATASETS[ds].columns);
  const shuffled = data.map((row, j) => [prng(n * 31 + j)(), row]).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
  const tie = (name, vc, opts = {}) => cases.push({ name: `ties${n}_${name}`, category: "sort_ties", dataset: opts.load ? null : ds, load: opts.load, table_options: opts.table_options || {}, view_config: vc, steps: [] });
  for (const c of ["i", "f", "s"]) {
    tie(`${c}_desc-abs`, { columns: ["id", c], sort: [[c, "desc abs"]] });
    tie(`${c}_asc-abs`, { columns: ["id", c], sort: [[c, "asc abs"]] });
  }
  if (n <= 500) tie("i_desc-abs_ctor", { columns: ["id", "i"], sort: [["i", "desc abs"]] }, { load: { format: "rows", data } });
  if (n <= 500) tie("i_desc-abs_indexed", { columns: ["id", "i"], sort: [["i", "desc abs"]] }, { load: { format: "rows", data: shuffled }, table_options: { index: "id" } });
  tie("f_desc-abs_then_s", { columns: ["id", "f", "s"], sort: [["f", "desc abs"], ["s", "asc"]] });
  tie("i_none_then_s", { columns: ["id", "i", "s"], sort: [["i", "none"], ["s", "desc"]] });
  tie("i_desc-abs_filtered", { columns: ["id", "i"], sort: [["i", "desc abs"]], filter: [["s", "!=", "a"]] });
  tie("i_desc-abs_grouped", { group_by: ["g", "id"], columns: ["i"], aggregates: { i: "sum" }, sort: [["i", "desc abs"]] });
  tie("i_asc-abs_grouped", { group_by: ["g", "id"], columns: ["i"], aggregates: { i: "sum" }, sort: [["i", "asc abs"]] });
}

// Split-only, depth, and grouped views on every key type.
for (const t of TYPES) {
  add("pivot_matrix", `split_only_${t}`, { split_by: [t], columns: ["i", "s"] });
  add("pivot_matrix", `group_split_${t}`, { group_by: ["g"], split_by: [t], columns: ["i"] });
  add("pivot_matrix", `group_3lvl_${t}`, { group_by: ["g", t, "g2"], columns: ["f"], group_by_depth: 2 });
}

// Live views over null group / split values (updates, removes, moves, inserts): the
// reference's live tree does not re-file rows by null keys the way a fresh view files them
// (docs/COMPATIBILITY.md, live views). Small indexed table, both null kinds.
{
  const LN_SCHEMA = { id: "integer", g: "string", b: "string", f: "float" };
  const LN = { id: [1, 2, 3, 4, 5, 6], g: ["A", "A", "B", "B", null, "A"], b: ["x", null, null, "y", "x", null], f: [1, 10, 100, 1000, 10000, 0.5] };
  DATASETS.ln = { description: "6 rows for live-view null cases: group g, split b, value f; nulls in g and b (loaded through update)", schema: LN_SCHEMA, columns: LN };
  const U = (data) => ({ op: "update", data });
  const R = (...keys) => ({ op: "remove", keys });
  const SEQ = {
    f_only: [U([{ id: 2, f: 20 }])],
    split_null_explicit: [U([{ id: 2, b: null, f: 20 }])],
    split_null_to_x: [U([{ id: 2, b: "x" }])],
    split_x_to_null: [U([{ id: 1, b: null }])],
    split_x_to_null_f: [U([{ id: 1, b: null, f: 2 }])],
    insert_split_null: [U([{ id: 7, g: "A", b: null, f: 5 }])],
    insert_split_null_then_f: [U([{ id: 7, g: "A", b: null, f: 5 }]), U([{ id: 7, f: 7 }])],
    insert_split_null_then_x: [U([{ id: 7, g: "A", b: null, f: 5 }]), U([{ id: 7, b: "x" }])],
    insert_split_null_then_remove: [U([{ id: 7, g: "A", b: null, f: 5 }]), R(7)],
    remove_split_null: [R(2)],
    remove_split_x: [R(1)],
    move_group_split_null: [U([{ id: 2, g: "B" }])],
    move_group_split_null_f: [U([{ id: 2, g: "B", f: 30 }])],
    split_x_to_null_then_f: [U([{ id: 1, b: null }]), U([{ id: 1, f: 50 }])],
    split_x_to_null_then_y: [U([{ id: 1, b: null }]), U([{ id: 1, b: "y" }])],
    split_null_to_x_to_null: [U([{ id: 2, b: "x" }]), U([{ id: 2, b: null, f: 3 }])],
    split_null_to_x_then_f: [U([{ id: 2, b: "x" }]), U([{ id: 2, f: 3 }])],
    group_null_f: [U([{ id: 5, f: 20000 }])],
    group_null_to_A: [U([{ id: 5, g: "A" }])],
    group_A_to_null: [U([{ id: 1, g: null, f: 4 }])],
    remove_group_null: [R(5)],
    mixed_batch: [U([{ id: 1, g: "B", b: null, f: 3 }, { id: 2, g: null, b: "y", f: 7 }, { id: 3, b: "x" }, { id: 4, b: null, f: 9 },
      { id: 6, g: "B", b: null, f: 2 }, { id: 8, g: null, b: "x", f: 6 }, { id: 9, g: "B", b: null, f: 8 }])],
    two_batches: [U([{ id: 2, f: 20 }, { id: 1, f: 3 }, { id: 3, g: "A" }]), U([{ id: 3, b: "y" }, { id: 5, b: null }]), R(4, 6)],
  };
  const VIEWS = {
    gs: { group_by: ["g"], split_by: ["b"], columns: ["f"], aggregates: { f: "sum" } },
    gs_count: { group_by: ["g"], split_by: ["b"], columns: ["f"], aggregates: { f: "count" } },
    gs_max: { group_by: ["g"], split_by: ["b"], columns: ["f"], aggregates: { f: "max" } },
    g_b: { group_by: ["b"], columns: ["f"], aggregates: { f: "sum" } },
    g_g: { group_by: ["g"], columns: ["f", "b"], aggregates: { f: "sum", b: "count" } },
    s: { split_by: ["b"], columns: ["f"] },
  };
  const CTOR_LN = { format: "rows", data: rows(LN) };
  for (const [sn, steps] of Object.entries(SEQ))
    for (const [vn, vc] of Object.entries(VIEWS)) {
      cases.push({ name: `live_${vn}_${sn}`, category: "live_nulls", dataset: "ln", table_options: { index: "id" }, view_config: vc, steps });
      cases.push({ name: `live_${vn}_${sn}_ctor`, category: "live_nulls", dataset: null, load: CTOR_LN, table_options: { index: "id" }, view_config: vc, steps });
    }
}

// Split-only views kept live through updates, removes and partial rows (the
// view is created before the steps, so each step's snapshot is a live view's).
{
  const IX = { index: "id" };
  const moves = [
    { op: "update", data: [{ id: 2, g: "east", f: 7.5 }, { id: 5, f: 0 }, { id: 100, g: "north", g2: "x", i: 3, f: 12.25, s: "fig", b: true, d: "2024-01-09", dt: Date.UTC(2024, 2, 3), w: 1 }] },
    { op: "remove", keys: [0, 7, 13] },
    { op: "update", data: [{ id: 9, g: "South", i: -4 }, { id: 101, g: "east", g2: "Y", i: 8, f: -2.5, s: "apple", b: false, d: "2024-01-02", dt: Date.UTC(2024, 2, 6), w: 2 }, { id: 1, f: 99 }] },
  ];
  const split = (name, vc, steps = moves) => add("split_updates", `split_live_${name}`, vc, { table_options: IX, steps });
  split("basic", { split_by: ["g"], columns: ["f", "i"] });
  split("filter", { split_by: ["g2"], columns: ["f", "s"], filter: [["i", ">", 0]] });
  split("sort", { split_by: ["g"], columns: ["f", "s"], sort: [["f", "desc"]] });
  split("col_sort_2lvl", { split_by: ["g", "g2"], columns: ["f"], sort: [["i", "col desc"]] });
  split("sort_filter_2lvl", { split_by: ["g2", "b"], columns: ["f", "d"], sort: [["d", "asc"]], filter: [["f", ">", 0]] });
  split("new_and_emptied_group", { split_by: ["s"], columns: ["i"] }, [
    { op: "update", data: [{ id: 3, s: "zebra" }, { id: 4, s: "zebra", i: 11 }] },
    { op: "remove", keys: [3, 4] },
  ]);
  split("null_split_update", { split_by: ["g"], columns: ["f"] }, [
    { op: "update", data: [{ id: 6, g: null, f: 3.25 }] },
    { op: "update", data: [{ id: 6, f: 4.5 }] },
  ]);
}

// Sorted live views through updates (grouped rows by aggregate, `col` sorts on split
// columns, flat sorts with ties): a live view's order can carry history in the reference.
{
  const IX = { index: "id" };
  const U = (data) => ({ op: "update", data });
  const steps = [
    U([{ id: 1, f: 500 }, { id: 4, g: "east", f: -30 }, { id: 200, g: "north", g2: "Y", i: 4, f: 12.5, s: "fig", b: true }]),
    U([{ id: 2, i: 7, f: 12.5 }, { id: 3, g2: "x", i: 7 }, { id: 201, g: "South", g2: "x", i: 7, f: 12.5, s: "apple", b: false }]),
    { op: "remove", keys: [5, 6, 200] },
    U([{ id: 7, f: 12.5, i: 7 }, { id: 8, g: "north", i: 7 }, { id: 202, g: "east", g2: "Y", i: 0, f: 0, s: "kiwi", b: true }]),
  ];
  DATASETS.nn = { description: "40 rows like mx without nulls (live sort order apart from null groups)", schema: SCHEMA, columns: makeColumns(40, 20261123, 0) };
  const L = (name, vc) => cases.push({ name: `live_sort_${name}`, category: "live_sorts", dataset: "nn", table_options: IX, view_config: vc, steps });
  L("group_sum_desc", { group_by: ["g"], columns: ["f", "i"], aggregates: { f: "sum", i: "sum" }, sort: [["i", "desc"]] });
  L("group2_count_asc", { group_by: ["g", "g2"], columns: ["f", "i"], aggregates: { f: "count", i: "max" }, sort: [["i", "asc"]] });
  L("group_split_col_desc", { group_by: ["g"], split_by: ["g2"], columns: ["f"], sort: [["f", "col desc"]] });
  L("group_split_col_asc_row_desc", { group_by: ["g"], split_by: ["b"], columns: ["f", "i"], sort: [["i", "col asc"], ["f", "desc"]] });
  L("split2_col_desc", { group_by: ["g2"], split_by: ["g", "b"], columns: ["i"], aggregates: { i: "sum" }, sort: [["i", "col desc"]] });
  L("flat_i_desc", { columns: ["id", "i", "f"], sort: [["i", "desc"]] });
  L("flat_f_asc_i_desc", { columns: ["id", "i", "f"], sort: [["f", "asc"], ["i", "desc"]] });
  L("flat_s_asc_filtered", { columns: ["id", "s", "i"], sort: [["s", "asc"]], filter: [["i", ">", -5]] });
  L("group_max_desc_depth", { group_by: ["g", "s"], columns: ["i"], aggregates: { i: "max" }, sort: [["i", "desc"]] });
}

// Expression columns (category `expressions`): in every config section and view kind, live
// through updates, removes, clear and replace, with both null kinds, and their errors. Names
// (never a table column's) are few per case; with `columns` given, nothing depends on the
// reference's hash-map order of expressions.
{
  const IX = { index: "id" };
  const U = (data) => ({ op: "update", data });
  const R = (...keys) => ({ op: "remove", keys });
  const X = (name, vc, opts = {}) => add("expressions", `expr_${name}`, vc, opts);
  // Live grouped views on `nn` (no nulls): the reference's live tree mishandles rows in null
  // groups (docs/COMPATIBILITY.md #6), which would hide what these cases check.
  const XL = (name, vc, opts = {}) => cases.push({ name: `expr_${name}`, category: "expressions", dataset: "nn", table_options: opts.table_options || {}, view_config: vc, steps: opts.steps || [] });
  const E = (e, rest = {}) => ({ expressions: { e }, ...rest });
  const row = (id, g, g2, i, f, s, b, d, dt, w) => ({ id, g, g2, i, f, s, b, d, dt, w });
  const live = [
    U([{ id: 1, f: 10.5 }, { id: 2, w: 3, g: "east" }, row(300, "north", "x", 5, 7.25, "fig", true, "2024-01-05", Date.UTC(2024, 2, 2), 2)]),
    R(3, 4, 300),
    U([{ id: 5, f: null }, { id: 6, g: "South", f: -4, g2: null }, row(301, "South", "Y", -3, 1.5, "kiwi", false, "2024-01-09", Date.UTC(2024, 2, 4), 0.5)]),
  ];
  // On `nn`: no explicit null value either (the reference's live aggregates keep a cell's old
  // value when an update nulls it, while its expression columns see the null: live != fresh).
  const liveNN = [live[0], live[1], U([{ id: 5, f: 0.75 }, live[2].data[1], live[2].data[2]])];
  // Float arithmetic and column references: every type, every section.
  X("f_times_2", E('"f" * 2', { columns: ["id", "f", "e"] }));
  X("f_plus_w", E('"f" + "w"', { columns: ["id", "f", "w", "e"] }));
  X("f_minus_literal", E('"f" - 0.25', { columns: ["id", "e"] }));
  X("f_div_w_zero_cells", E('"f" / "w"', { columns: ["id", "f", "w", "e"] }));
  for (const t of TYPES) X(`ref_${t}`, E(`"${t}"`, { columns: ["id", t, "e"] }));
  X("ref_g_ctor_nulls", E('"g"', { columns: ["id", "e"], sort: [["e", "asc"]] }), { load: CTOR });
  X("default_columns", E('"f" * 2'));
  X("legacy_list", { expressions: ['// twice\n"f" * 2', '"w"'], columns: ["id", "twice", '"w"'] });
  X("same_text_twice", { expressions: { p: '"f" * 2', q: '"f" * 2' }, columns: ["id", "p", "q"] });
  X("sort_desc", E('"f" * 2', { columns: ["id", "e"], sort: [["e", "desc"]] }));
  X("sort_hidden", E('"f" - "w"', { columns: ["id", "f"], sort: [["e", "asc"]] }));
  X("sort_abs", E('"f" - 20', { columns: ["id", "e"], sort: [["e", "desc abs"]] }));
  X("filter_gt", E('"f" * 2', { columns: ["id", "e"], filter: [["e", ">", 100]] }));
  X("filter_hidden_and_sort", E('"f" + "w"', { columns: ["id", "f"], filter: [["e", "<", 20]], sort: [["f", "desc"]] }));
  X("filter_string_ref", E('"s"', { columns: ["id", "e"], filter: [["e", "contains", "an"]] }));
  X("filter_is_null", E('"f" + "w"', { columns: ["id"], filter: [["e", "is null"]] }));
  X("group_by_ref_g", E('"g"', { group_by: ["e"], columns: ["f"] }));
  X("group_by_ref_g_ctor", E('"g"', { group_by: ["e"], columns: ["f"] }), { load: CTOR });
  X("group_by_ref_i", E('"i"', { group_by: ["e"], columns: ["f"], aggregates: { f: "count" } }));
  X("group_by_2lvl", E('"g2"', { group_by: ["g", "e"], columns: ["f", "i"] }));
  X("group_by_depth", E('"g2"', { group_by: ["g", "e"], columns: ["f"], group_by_depth: 1 }));
  X("agg_default_float", E('"f" * 2', { group_by: ["g"], columns: ["e"] }));
  X("agg_default_string", E('"s"', { group_by: ["g"], columns: ["e"] }));
  X("agg_default_date", E('"d"', { group_by: ["g"], columns: ["e"] }));
  for (const a of ["avg", "max", "count", "median", "distinct count", "last"])
    X(`agg_${slug(a)}`, E('"f" + "w"', { group_by: ["g"], columns: ["e"], aggregates: { e: a } }));
  X("agg_weighted_mean_by_expr", E('"w" * 2', { group_by: ["g"], columns: ["f"], aggregates: { f: ["weighted mean", ["e"]] } }));
  X("group_sort_by_expr", E('"f" * 2', { group_by: ["g"], columns: ["e", "f"], sort: [["e", "desc"]] }));
  X("split_only_by_expr", E('"g2"', { split_by: ["e"], columns: ["f"] }));
  X("split_only_expr_column", E('"f" / 4', { split_by: ["g2"], columns: ["e", "s"] }));
  X("group_split_by_expr", E('"g2"', { group_by: ["g"], split_by: ["e"], columns: ["f"] }));
  X("group_split_expr_column", E('"f" + "w"', { group_by: ["g"], split_by: ["g2"], columns: ["e"], aggregates: { e: "max" } }));
  X("group_split_col_sort", E('"f" * 2', { group_by: ["g"], split_by: ["g2"], columns: ["e"], sort: [["e", "col desc"]] }));
  X("null_spread", E('"f" + "w"', { group_by: ["g"], columns: ["e", "f", "w"], aggregates: { e: "count", f: "count", w: "count" } }));
  // Live: the view made before the steps.
  X("live_flat", E('"f" * 2', { columns: ["id", "f", "e"] }), { table_options: IX, steps: live });
  X("live_flat_sort_filter", E('"f" + "w"', { columns: ["id", "e"], filter: [["e", ">", 0]], sort: [["e", "desc"]] }), { table_options: IX, steps: live });
  XL("live_group_agg", E('"f" * 2', { group_by: ["g"], columns: ["e", "f"] }), { table_options: IX, steps: liveNN });
  XL("live_group_by_expr", E('"g"', { group_by: ["e"], columns: ["f", "w"] }), { table_options: IX, steps: liveNN });
  XL("live_split_only", E('"f" - "w"', { split_by: ["g2"], columns: ["e"] }), { table_options: IX, steps: liveNN });
  XL("live_group_split_by_expr", E('"g2"', { group_by: ["g"], split_by: ["e"], columns: ["f"] }), { table_options: IX, steps: liveNN });
  XL("live_clear_then_update", E('"f" * 2', { group_by: ["g"], columns: ["e"] }), { table_options: IX, steps: [{ op: "clear" }, U([row(7, "east", "x", 1, 2.5, "fig", true, "2024-01-02", Date.UTC(2024, 2, 1), 1)])] });
  X("live_replace", E('"f" + "w"', { columns: ["id", "e"] }), { table_options: IX, steps: [{ op: "replace", data: [row(1, "east", "x", 1, 2.5, "fig", true, "2024-01-02", Date.UTC(2024, 2, 1), 1), row(2, "north", "Y", 2, null, "kiwi", false, "2024-01-03", Date.UTC(2024, 2, 2), 4)] }] });
  X("live_unindexed_append", E('"f" * 2', { columns: ["e", "g"] }), { steps: [U([row(400, "east", "x", 1, 2.5, "fig", true, "2024-01-02", Date.UTC(2024, 2, 1), 1)])] });
  XL("live_limit_window", E('"f" + "w"', { group_by: ["g"], columns: ["e"] }), { table_options: { limit: 50 }, steps: [U([row(400, "east", "x", 1, 2.5, "fig", true, "2024-01-02", Date.UTC(2024, 2, 1), 1), row(401, "South", "Y", 3, 8, "fig", false, "2024-01-04", Date.UTC(2024, 2, 2), 2), row(402, "north", "x", 2, -1, "kiwi", true, "2024-01-03", Date.UTC(2024, 2, 3), 0)])] });
  // The rest of the language (the compiler's own typing and functions).
  X("int_plus_int", E('"i" + "i"', { columns: ["id", "i", "e"] }));
  X("int_times_float_literal", E('"i" * 1.0', { columns: ["id", "e"] }));
  X("int_unary_minus", E('-"i"', { columns: ["id", "e"] }));
  X("int_gt_float_literal", E('"i" > 0', { columns: ["id", "i", "e"] }));
  X("int_gt_integer", E('"i" > integer(0)', { columns: ["id", "i", "e"] }));
  X("int_mod", E('"i" % 3', { columns: ["id", "e"] }));
  X("if_else_string", E("if (\"f\" > 50) { 'high' } else { 'low' }", { group_by: ["e"], columns: ["f"] }));
  X("ternary", E('"f" > 0 ? "f" : -"f"', { columns: ["id", "e"] }));
  X("concat_upper", E("concat(\"s\", '-', upper(\"g\"))", { columns: ["id", "e"] }));
  X("length", E('length("s")', { columns: ["id", "e"] }));
  X("bucket_dt_hour", E("bucket(\"dt\", 'h')", { group_by: ["e"], columns: ["f"] }));
  X("bucket_d_month", E("bucket(\"d\", 'M')", { columns: ["id", "e"] }));
  X("bucket_numeric", E('bucket("f", 10)', { group_by: ["e"], columns: ["i"] }));
  X("day_of_week", E('day_of_week("d")', { group_by: ["e"], columns: ["f"] }));
  X("month_of_year", E('month_of_year("dt")', { columns: ["id", "e"] }));
  X("cast_integer", E('integer("f")', { columns: ["id", "e"] }));
  X("cast_string_date", E('string("d")', { columns: ["id", "e"] }));
  X("is_null", E('is_null("s")', { group_by: ["e"], columns: ["id"] }));
  X("abs_int_quirk", E('abs("i")', { columns: ["id", "e"] }));
  X("math", E('sqrt(abs("f")) + pow("w", 2)', { columns: ["id", "e"] }));
  X("col_lookup", E("col('f') * 2", { columns: ["id", "e"] }));
  X("index_fn", E("index()", { columns: ["id", "e"] }), { table_options: IX });
  X("order", E("order(\"g\", 'east', 'north')", { columns: ["id", "e"] }));
  X("vars", E('var x := "f" * 2; x + 1', { columns: ["id", "e"] }));
  XL("live_string_group", E("concat(\"g\", '/', \"g2\")", { group_by: ["e"], columns: ["f"] }), { table_options: IX, steps: liveNN });
  XL("live_bool_split", E('"f" > 20', { group_by: ["g"], split_by: ["e"], columns: ["w"] }), { table_options: IX, steps: liveNN });
  // Errors, each alone so the reference's map order does not pick the message.
  X("err_overwrite_column", { expressions: { f: '"i"' } });
  X("err_reads_other_expression", { expressions: { p: '"f" * 2', q: '"p" + 1' } });
  X("err_unknown_column", E('"nope" * 2'));
  X("err_syntax", E('"f" +'));
  X("err_unknown_function", E('foo("f")'));
  X("err_type", E("\"s\" + 1"));
  X("err_literal_div_zero", E('"f" / 0'));
  X("err_before_columns", E('"zz"', { columns: ["nope"] }));
  X("err_columns_after_expression", E('"f"', { columns: ["nope"] }));
  X("err_filter_term_on_expression", E('"f" * 2', { filter: [["e", ">", "abc"]] }));
  X("err_number_term_on_string_expression", E('"s"', { filter: [["e", ">", 1]] }));
  X("err_sum_of_string_expression", E('"s"', { group_by: ["g"], columns: ["e"], aggregates: { e: "sum" } }));
}

{
  const seen = new Set();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
    seen.add(c.name);
  }
}

// ------------------------------------------------------------------ recording
function clean(v) {
  if (typeof v === "number") return Number.isFinite(v) ? v : { $float: String(v) };
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
  return v;
}
const sortKeys = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
const firstLine = (e) => String((e && e.message) || e).split("\n").map((l) => l.trim()).filter(Boolean)[0] || "";

async function snapshot(v) {
  return {
    to_columns: clean(await v.to_columns()),
    schema: sortKeys(await v.schema()),
    expression_schema: sortKeys(await v.expression_schema()),
    dimensions: await v.dimensions(),
    column_paths: await v.column_paths(),
  };
}

async function record(c) {
  const exp = {};
  let t, v;
  try {
    if (c.load) t = await perspective.table(structuredClone(c.load.data), c.table_options);
    else {
      const ds = DATASETS[c.dataset];
      t = await perspective.table(structuredClone(ds.schema), c.table_options);
      await t.update(structuredClone(ds.columns));
    }
  } catch (e) { exp.error = { stage: "table", message: firstLine(e) }; return exp; }
  exp.table_schema = sortKeys(await t.schema());
  exp.table_size = await t.size();
  try { v = await t.view(structuredClone(c.view_config)); } catch (e) { exp.error = { stage: "view", message: firstLine(e) }; await t.delete(); return exp; }
  try { exp.initial = await snapshot(v); } catch (e) { exp.error = { stage: "read", message: firstLine(e) }; }
  exp.steps = [];
  for (let k = 0; k < (exp.error ? 0 : c.steps.length); k++) {
    const s = c.steps[k];
    try {
      if (s.op === "update") await t.update(structuredClone(s.data));
      else if (s.op === "remove") await t.remove(structuredClone(s.keys));
      else if (s.op === "clear") await t.clear();
      else if (s.op === "replace") await t.replace(structuredClone(s.data));
      const snap = await snapshot(v);
      snap.table_size = await t.size();
      exp.steps.push(snap);
    } catch (e) { exp.error = { stage: `step:${k}`, message: firstLine(e) }; break; }
  }
  await v.delete();
  await t.delete();
  return exp;
}

// The reference engine's WASM heap can be corrupted by earlier views in the same
// process (seen: weighted mean / max by returning garbage column names after a
// few hundred views), so every case is recorded in a fresh child process.
if (process.argv[2] === "--one") {
  process.stdout.write(JSON.stringify(await record(cases[Number(process.argv[3])])));
  process.exit(0);
}
const { spawn } = await import("child_process");
function recordIsolated(k) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--one", String(k)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`case ${cases[k].name}: exit ${code}`))));
  });
}
// 3.8.0 intermittently garbles the weight column name of two-column aggregates
// (errors like "Could not find column index for `+`", or an undecodable server
// message): memory corruption, not semantics. Such results are retried; a case
// that never comes back clean is dropped and reported.
const CORRUPT = /Could not find column index for `[^A-Za-z0-9_]|Undecipherable server message/;
async function recordClean(k) {
  for (let attempt = 0; attempt < 6; attempt++) {
    const r = await recordIsolated(k);
    if (!(r.error && CORRUPT.test(r.error.message))) return r;
  }
  return null;
}
// PARALLAX_GEN_ONLY=<category>: record only that category's cases and append
// them after the existing ones (earlier files and numbers stay as they are).
const ONLY = process.env.PARALLAX_GEN_ONLY;
const results = new Array(cases.length);
let next = 0;
const POOL = 2;
await Promise.all(Array.from({ length: POOL }, async () => {
  while (next < cases.length) {
    const k = next++;
    if (ONLY && cases[k].category !== ONLY) continue;
    results[k] = await recordClean(k);
  }
}));

if (!ONLY) fs.rmSync(path.join(OUT, "cases"), { recursive: true, force: true });
fs.mkdirSync(path.join(OUT, "cases"), { recursive: true });
fs.mkdirSync(path.join(OUT, "datasets"), { recursive: true });
for (const [k, ds] of Object.entries(DATASETS))
  fs.writeFileSync(path.join(OUT, "datasets", `${k}.json`), JSON.stringify({ name: k, ...ds }) + "\n");
let index = [], counts = {};
const dropped = [];
let written = 0;
if (ONLY) {
  const old = JSON.parse(fs.readFileSync(path.join(OUT, "index.json"), "utf8"));
  index = old.index.filter((e) => e.category !== ONLY);
  for (const e of old.index) if (e.category === ONLY) fs.rmSync(path.join(OUT, "cases", e.file), { force: true });
  for (const e of index) counts[`${e.category}/${e.outcome}`] = (counts[`${e.category}/${e.outcome}`] || 0) + 1;
  written = index.reduce((m, e) => Math.max(m, parseInt(e.file, 10)), 0);
}
cases.forEach((c, k) => {
  if (ONLY && c.category !== ONLY) return;
  const expected = results[k];
  if (!expected) { dropped.push(c.name); return; }
  const outcome = expected.error ? "error" : "ok";
  const file = `${String(++written).padStart(4, "0")}-${c.name}.json`;
  const rec = { name: c.name, category: c.category, intent: outcome, outcome, dataset: c.dataset, ...(c.load ? { load: c.load } : {}), table_options: c.table_options, view_config: c.view_config, steps: c.steps, expected };
  fs.writeFileSync(path.join(OUT, "cases", file), JSON.stringify(rec) + "\n");
  index.push({ file, name: c.name, category: c.category, outcome, ...(expected.error ? { error_stage: expected.error.stage } : {}) });
  counts[`${c.category}/${outcome}`] = (counts[`${c.category}/${outcome}`] || 0) + 1;
});
fs.writeFileSync(path.join(OUT, "index.json"), JSON.stringify({ engine: "@finos/perspective", engine_version: "3.8.0", cases: index.length, counts, index }, null, 1) + "\n");
console.log(`wrote ${index.length} cases to ${OUT}`, counts);
if (dropped.length) console.log(`dropped (reference output corrupted on every attempt): ${dropped.join(", ")}`);
process.exit(0);
