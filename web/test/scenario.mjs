// The protocol scenario run by protocol.test.mjs against both servers: the real
// @finos/perspective 3.8.0 JS client drives a server through its public API, and every result
// (or error) is recorded under a stable key, so that two runs can be compared key by key.
import { tableFromIPC, tableToIPC, Table as ArrowTable, vectorFromArray, Utf8, Int32 } from "apache-arrow";
import { registerLz4 } from "./lz4.mjs";

registerLz4(); // to read to_arrow({compression: "lz4"}) results

const CSV = [
  "id,region,product,qty,price,day,stamp,flag",
  "1,East,Apples,3,1.5,2024-01-01,2024-01-01 10:00:00,true",
  "2,West,Pears,5,2.25,2024-01-02,2024-01-02 11:30:00,false",
  "3,East,Pears,2,2.5,2024-01-03,2024-01-03 09:15:00,true",
  "4,North,Apples,7,1.25,2024-01-04,2024-01-04 16:45:00,false",
  "5,West,Plums,1,3.75,2024-01-05,2024-01-05 08:00:00,true",
  "6,East,Plums,4,3.5,2024-01-06,2024-01-06 12:00:00,false",
  "",
].join("\n");

/** The view configs compared; each is run through every output format. */
export const CONFIGS = {
  flat: {},
  columns: { columns: ["qty", "region", "price"] },
  sort_desc: { sort: [["qty", "desc"]] },
  sort_two: { sort: [["region", "asc"], ["price", "desc"]] },
  filter_num: { filter: [["qty", ">", 2]] },
  filter_in: { filter: [["region", "in", ["East", "North"]]] },
  filter_contains: { filter: [["product", "contains", "ear"]] },
  filter_date: { filter: [["day", ">", "2024-01-03"]] },
  filter_or: { filter: [["qty", ">", 4], ["region", "==", "East"]], filter_op: "or" },
  group_by: { group_by: ["region"], columns: ["qty", "price"] },
  group_by_two: { group_by: ["region", "product"], columns: ["qty", "price"], aggregates: { qty: "sum", price: "avg" } },
  group_by_count: { group_by: ["product"], columns: ["region", "qty"], aggregates: { region: "count", qty: "max" } },
  split_by: { group_by: ["region"], split_by: ["product"], columns: ["qty"] },
  split_only: { split_by: ["flag"], columns: ["qty", "price"] },
  grouped_sorted_filtered: {
    group_by: ["product"], columns: ["qty", "price"], sort: [["qty", "desc"]], filter: [["price", "<", 3.6]],
  },
  weighted_mean: { group_by: ["region"], columns: ["price"], aggregates: { price: ["weighted mean", ["qty"]] } },
  expression: { expressions: { double_qty: '"qty" * 2' }, columns: ["qty", "double_qty"] },
  expression_grouped: {
    expressions: { price2: '"price" * 2', half: '"price" / 2' }, group_by: ["region"], columns: ["price2", "half"],
    sort: [["half", "desc"]],
  },
  expression_split: { expressions: { reg: '"region"' }, split_by: ["reg"], columns: ["price"], filter: [["price", ">", 1.3]] },
};

function normalize(value) {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalize(v);
    return out;
  }
  return value;
}

/** Arrow IPC bytes as {fields, rows} (types as apache-arrow prints them). */
export function decodeArrow(bytes) {
  if (!bytes) return null;
  const table = tableFromIPC(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);
  return {
    fields: table.schema.fields.map((f) => `${f.name}: ${f.type}`),
    rows: table.toArray().map((r) => normalize(r.toJSON())),
  };
}

async function capture(fn) {
  try {
    return normalize(await fn());
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

function waitFor(predicate, ms = 2000) {
  return new Promise((resolve) => {
    const start = Date.now();
    const tick = () => (predicate() || Date.now() - start > ms ? resolve() : setTimeout(tick, 10));
    tick();
  });
}

const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** Runs the whole scenario on `client`; returns {key: result}. `prefix` keeps table names apart. */
export async function runScenario(client, prefix) {
  const out = {};
  const rec = async (key, fn) => {
    if (process.env.SCENARIO_TRACE) console.error("step", key);
    out[key] = await capture(fn);
  };
  const name = `${prefix}_sales`;
  const table = await client.table(CSV, { name, index: "id" });
  const mine = (names) => names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)).sort();

  await rec("client.hosted_names", async () => mine(await client.get_hosted_table_names()));
  await rec("table.schema", () => table.schema());
  await rec("table.columns", () => table.columns());
  await rec("table.size", () => table.size());
  await rec("table.get_index", () => table.get_index());
  await rec("table.get_limit", () => table.get_limit());
  await rec("client.open_table.size", async () => (await client.open_table(name)).size());
  await rec("table.validate_expressions", () =>
    table.validate_expressions({ ok: '"price" * 2', unknown: '"nope" + 1', qty: '"price"' }));
  await rec("client.open_table.unknown", async () => (await client.open_table(`${prefix}_nope`)).size());

  for (const [label, config] of Object.entries(CONFIGS)) {
    const key = `view.${label}`;
    let view;
    try {
      view = await table.view(config);
    } catch (e) {
      out[`${key}.create`] = { error: String(e.message || e) };
      continue;
    }
    await rec(`${key}.to_columns`, () => view.to_columns());
    await rec(`${key}.to_columns_string.id`, async () => JSON.parse(await view.to_columns_string({ id: true })));
    await rec(`${key}.to_json`, () => view.to_json());
    await rec(`${key}.to_ndjson`, () => view.to_ndjson());
    await rec(`${key}.to_csv`, () => view.to_csv());
    await rec(`${key}.to_arrow`, async () => decodeArrow(await view.to_arrow()));
    await rec(`${key}.window`, () => view.to_columns({ start_row: 1, end_row: 3, start_col: 0, end_col: 2 }));
    await rec(`${key}.window_formatted`, () => view.to_json({ start_row: 0, end_row: 2, formatted: true }));
    await rec(`${key}.num_rows`, () => view.num_rows());
    await rec(`${key}.num_columns`, () => view.num_columns());
    await rec(`${key}.dimensions`, () => view.dimensions());
    await rec(`${key}.schema`, () => view.schema());
    await rec(`${key}.expression_schema`, () => view.expression_schema());
    await rec(`${key}.column_paths`, () => view.column_paths());
    await rec(`${key}.get_config`, () => view.get_config());
    await rec(`${key}.get_min_max`, () => view.get_min_max("qty"));
    await view.delete();
  }

  // ---- to_arrow compression: the reference answers "lz4" with LZ4_FRAME bodies, ignores others ----
  {
    const rows = Array.from({ length: 300 }, (_, i) => `${i},s${i % 7},${i % 10}`);
    const lz4Table = await client.table(["id,sym,qty", ...rows, ""].join("\n"), { name: `${prefix}_lz4` });
    for (const [label, config] of [["flat", {}], ["group_by", { group_by: ["sym"], columns: ["qty"] }]]) {
      const view = await lz4Table.view(config);
      for (const compression of ["lz4", "zstd", "none"]) {
        await rec(`to_arrow.compression.${label}.${compression}`, async () => {
          const bytes = new Uint8Array(await view.to_arrow({ compression }));
          const magic = [0x04, 0x22, 0x4d, 0x18];
          const framed = bytes.some((_, i) => magic.every((m, k) => bytes[i + k] === m));
          return { lz4_frame: framed, data: decodeArrow(bytes) };
        });
      }
      await view.delete();
    }
    await lz4Table.delete();
  }

  // ---- replace with plain-Utf8 Arrow keeps the table's column order ----
  {
    const arrowOf = (order, n) => {
      const cols = {
        x: vectorFromArray(Array.from({ length: n }, (_, i) => `s${i}`), new Utf8()),
        y: vectorFromArray(Array.from({ length: n }, (_, i) => i * 10), new Int32()),
      };
      const picked = {};
      for (const k of order) picked[k] = cols[k];
      return tableToIPC(new ArrowTable(picked), "stream");
    };
    const ordered = await client.table(arrowOf(["x", "y"], 2), { name: `${prefix}_order` });
    for (const [step, order, n] of [["created", null, 0], ["replace_yx", ["y", "x"], 3], ["replace_xy", ["x", "y"], 4]]) {
      if (order) await ordered.replace(arrowOf(order, n));
      await rec(`replace_plain_utf8.${step}`, async () => {
        const view = await ordered.view();
        const result = { columns: await ordered.columns(), to_columns: await view.to_columns() };
        await view.delete();
        return result;
      });
    }
    await ordered.delete();
  }

  // ---- live updates: plain and row-mode on_update, ports, removes, replace, clear ----
  const flat = await table.view({ columns: ["id", "region", "qty"] });
  const grouped = await table.view({ group_by: ["region"], columns: ["qty"] });
  const plain = [];
  const rows = [];
  const groupedRows = [];
  await flat.on_update((u) => plain.push({ port_id: u.port_id, has_delta: u.delta !== undefined && u.delta !== null }));
  await flat.on_update((u) => rows.push({ port_id: u.port_id, delta: decodeArrow(u.delta) }), { mode: "row" });
  await grouped.on_update((u) => groupedRows.push({ port_id: u.port_id, delta: decodeArrow(u.delta) }), { mode: "row" });
  const port = await table.make_port();
  out["update.make_port"] = port;

  const step = async (label, fn, expected) => {
    const before = plain.length;
    await rec(`${label}.result`, fn);
    await waitFor(() => plain.length >= before + expected);
    await settle();
    out[`${label}.pushes.plain`] = plain.slice(before).map((p) => p.port_id);
    out[`${label}.pushes.plain.has_delta`] = plain.slice(before).map((p) => p.has_delta);
    out[`${label}.flat_after`] = await capture(() => flat.to_columns());
    out[`${label}.grouped_after`] = await capture(() => grouped.to_columns());
  };
  const mark = () => [rows.length, groupedRows.length];
  let [r0, g0] = mark();
  await step("update.port", () => table.update([{ id: 7, region: "South", qty: 9 }, { id: 2, qty: 50 }], { port_id: port }), 1);
  out["update.port.pushes.row.ports"] = rows.slice(r0).map((r) => r.port_id);
  out["update.port.pushes.row.delta"] = rows.slice(r0).map((r) => r.delta);
  out["update.port.pushes.grouped.delta"] = groupedRows.slice(g0).map((r) => r.delta);

  [r0, g0] = mark();
  await step("update.default_port", () => table.update({ id: [8], region: ["East"], qty: [1] }), 1);
  out["update.default_port.pushes.row.ports"] = rows.slice(r0).map((r) => r.port_id);
  out["update.default_port.pushes.row.delta"] = rows.slice(r0).map((r) => r.delta);

  [r0, g0] = mark();
  await step("remove", () => table.remove([1, 7]), 1);
  out["remove.pushes.row.ports"] = rows.slice(r0).map((r) => r.port_id);
  out["remove.pushes.row.delta"] = rows.slice(r0).map((r) => r.delta);

  await step("update.bad_type", () => table.update([{ id: 9, qty: "lots" }]), 0);
  await step("replace", () => table.replace("id,region,product,qty,price,day,stamp,flag\n20,East,Kiwis,2,1.0,2024-02-01,2024-02-01 00:00:00,true\n"), 1);
  await step("clear", () => table.clear(), 1);
  await rec("clear.size", () => table.size());

  // ---- errors ----
  await rec("error.unknown_column", () => table.view({ columns: ["nope"] }));
  await rec("error.unknown_filter_column", () => table.view({ filter: [["nope", "==", 1]] }));
  await rec("error.unknown_group_by", () => table.view({ group_by: ["nope"] }));
  await rec("error.delete_table_with_views", () => table.delete());

  // ---- deletion: view on_delete, then the table's ----
  const deleted = [];
  await flat.on_delete(() => deleted.push("flat"));
  await flat.delete();
  await waitFor(() => deleted.length >= 1, 1000);
  out["view.on_delete"] = [...deleted];
  // (A call on a deleted view object aborts the JS client itself: "null pointer passed to rust";
  // VIEW_NOT_FOUND is covered by the Java protocol tests instead.)
  await grouped.delete();

  const hostedPushes = [];
  if (!process.env.NO_HOSTED) await client.on_hosted_tables_update(() => hostedPushes.push(1));
  const other = await client.table({ a: [1, 2, 3] }, { name: `${prefix}_other` });
  await rec("other.to_columns", async () => (await other.view()).to_columns());
  await rec("client.hosted_names.two", async () => mine(await client.get_hosted_table_names()));
  await waitFor(() => hostedPushes.length >= 1, 1000);

  // A failed delete consumes the JS Table object (a later call aborts the client): reopen.
  await rec("table.delete", async () => (await client.open_table(name)).delete());
  await settle();
  out["client.hosted_names.after_delete"] = mine(await client.get_hosted_table_names());
  out["client.on_hosted_tables_update.fired"] = hostedPushes.length > 0;
  await rec("error.deleted_table", () => client.open_table(name).then((t) => t.size()));
  return out;
}
