// Lists the update cases in which the reference engine's live view stops equalling a view
// created fresh on the same table (docs/COMPATIBILITY.md, divergence #6): after every step of
// every case with steps, the recorded live view is compared with a new view of the table.
// Usage: node live-vs-fresh.mjs CASES_DIR [NAME_SUBSTRING]   (datasets in CASES_DIR/../datasets)
// Prints one line per case: "<name> live==fresh" or "<name> live!=fresh at step k".
import perspective from "@finos/perspective";
import fs from "fs";
import path from "path";

const dir = process.argv[2];
const only = process.argv[3] || "";
const datasets = {};
const dataset = (name) => (datasets[name] ??= JSON.parse(fs.readFileSync(path.join(dir, "..", "datasets", `${name}.json`))));
const snapshot = async (v) => JSON.stringify([await v.column_paths(), await v.to_columns()]);

for (const f of fs.readdirSync(dir).sort()) {
  const c = JSON.parse(fs.readFileSync(path.join(dir, f)));
  if (!c.steps || !c.steps.length || !c.name.includes(only) || c.outcome !== "ok") continue;
  let t;
  if (c.load) t = await perspective.table(structuredClone(c.load.data), c.table_options);
  else {
    const ds = dataset(c.dataset);
    t = await perspective.table(structuredClone(ds.schema), c.table_options);
    await t.update(structuredClone(ds.columns));
  }
  const live = await t.view(structuredClone(c.view_config));
  let differs = -1;
  for (let k = 0; k < c.steps.length && differs < 0; k++) {
    const s = c.steps[k];
    if (s.op === "update") await t.update(structuredClone(s.data));
    else if (s.op === "remove") await t.remove(structuredClone(s.keys));
    else if (s.op === "clear") await t.clear();
    else if (s.op === "replace") await t.replace(structuredClone(s.data));
    const fresh = await t.view(structuredClone(c.view_config));
    if ((await snapshot(live)) !== (await snapshot(fresh))) differs = k;
    await fresh.delete();
  }
  console.log(`${c.name} ${differs < 0 ? "live==fresh" : `live!=fresh at step ${differs}`}`);
  await live.delete();
  await t.delete();
}
process.exit(0);
