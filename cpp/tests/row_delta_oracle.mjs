// Prints the row-mode on_update deltas that cpp/tests/row_delta_test.cpp expects,
// recorded from @finos/perspective 3.8.0 (same table, views and steps).
// Run: node row_delta_oracle.mjs  (with @finos/perspective and apache-arrow installed)
import perspective from "@finos/perspective";
import { tableFromIPC } from "apache-arrow";

const json = (v) => JSON.stringify(v, (k, x) => (typeof x === "bigint" ? Number(x) : x));
const decode = (bytes) => {
  const t = tableFromIPC(bytes);
  const cols = {};
  for (const f of t.schema.fields) cols[f.name] = t.getChild(f.name).toArray ? [...t.getChild(f.name)] : [];
  return json(cols);
};
const table = await perspective.table({ id: "integer", g: "string", x: "float", y: "integer" }, { index: "id" });
await table.update([{ id: 1, g: "a", x: 1.5, y: 1 }, { id: 2, g: "b", x: 2.5, y: 2 }, { id: 3, g: "a", x: 3.5, y: 3 }, { id: 4, g: "c", x: 4.5, y: 4 }]);
const configs = {
  flat: { columns: ["id", "g", "x"] },
  flat_sorted: { columns: ["id", "g", "x"], sort: [["x", "desc"]] },
  flat_filtered: { columns: ["id", "g", "x"], filter: [["x", ">", 2]] },
  grouped: { group_by: ["g"], columns: ["x", "y"] },
  grouped2: { group_by: ["g", "y"], columns: ["x"] },
  split: { group_by: ["g"], split_by: ["y"], columns: ["x"] },
  grouped_sorted: { group_by: ["g"], columns: ["x"], sort: [["x", "desc"]] },
};
const log = [];
for (const [name, config] of Object.entries(configs)) {
  const view = await table.view(config);
  await view.on_update((u) => log.push(`${name}: ${decode(u.delta)}`), { mode: "row" });
}
const step = async (label, fn) => {
  log.length = 0;
  await fn();
  await new Promise((r) => setTimeout(r, 50));
  console.log(`== ${label}\n${log.join("\n")}`);
};
await step("update 2, insert 5", () => table.update([{ id: 2, x: 9.5 }, { id: 5, g: "b", x: 0.5, y: 5 }]));
await step("row 3 moves from a to c", () => table.update([{ id: 3, g: "c" }]));
await step("remove 1", () => table.remove([1]));
await step("row 5 leaves the filter", () => table.update([{ id: 5, x: 0.25 }]));
await step("update 2 and 4", () => table.update([{ id: 2, x: 1 }, { id: 4, x: 40 }]));
await step("no value changes", () => table.update([{ id: 4, x: 40 }]));
await step("two groups change", () => table.update([{ id: 3, y: 7 }, { id: 2, x: 2 }]));

// "null update": a live view keeps a row whose group value an update sets to null.
{
  const S = { id: "integer", g: "string", b: "boolean", f: "float" };
  const t = await perspective.table(S, { index: "id" });
  await t.update({ id: [1, 2, 3, 4], g: ["x", "x", "y", "y"], b: [null, true, false, true], f: [1, 2, 4, 16] });
  const live = await t.view({ group_by: ["b"], columns: ["f"], aggregates: { f: "sum" } });
  const split = await t.view({ group_by: ["g"], split_by: ["b"], columns: ["f"], aggregates: { f: "sum" } });
  await t.update([{ id: 2, b: null, f: 8 }]);
  console.log("== null update\nlive:", json(await live.to_columns()), "\nsplit:", json(await split.to_columns()));
  const fresh = await t.view({ group_by: ["b"], columns: ["f"], aggregates: { f: "sum" } });
  console.log("fresh:", json(await fresh.to_columns()));
  await t.update([{ id: 2, b: false, f: 8 }]);
  console.log("live after b=false:", json(await live.to_columns()));
}
// Split-only views (T10): rows are pkeys, aggregated with `any`; the delta
// starts with the (otherwise hidden) total row when its cells changed.
{
  const t = await perspective.table({ id: "integer", g: "string", x: "float", y: "integer" }, { index: "id" });
  await t.update([{ id: 1, g: "a", x: 1.5, y: 1 }, { id: 2, g: "b", x: 2.5, y: 2 }, { id: 3, g: "a", x: 3.5, y: 3 }, { id: 4, g: "c", x: 4.5, y: 4 }]);
  const split_configs = {
    so: { split_by: ["g"], columns: ["x", "y"] },
    so_sorted: { split_by: ["g"], columns: ["x", "y"], sort: [["x", "desc"]] },
    so_filtered: { split_by: ["g"], columns: ["x"], filter: [["x", ">", 2]] },
  };
  for (const [name, config] of Object.entries(split_configs)) {
    const view = await t.view(config);
    await view.on_update((u) => log.push(`${name}: ${decode(u.delta)}`), { mode: "row" });
  }
  await step("split: update 2, insert 5", () => t.update([{ id: 2, x: 9.5 }, { id: 5, g: "b", x: 0.5, y: 5 }]));
  await step("split: row 3 moves from a to c", () => t.update([{ id: 3, g: "c" }]));
  await step("split: remove 1 (group a empties)", () => t.remove([1]));
  await step("split: row 5 leaves the filter", () => t.update([{ id: 5, x: 0.25 }]));
  await step("split: update 2 and 4", () => t.update([{ id: 2, x: 1 }, { id: 4, x: 40 }]));
  await step("split: no value changes", () => t.update([{ id: 4, x: 40 }]));
  await step("split: new group d", () => t.update([{ id: 6, g: "d", x: 3, y: 1 }]));
  await step("split: x to null", () => t.update([{ id: 6, x: null }]));
  await step("split: g to null", () => t.update([{ id: 6, g: null }]));
  await step("split: remove 2 (group b empties)", () => t.remove([2]));
}
process.exit(0);
