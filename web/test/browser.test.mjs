// The demo page in headless Chromium (Debian's chromium, driven by playwright-core): it must load
// <perspective-viewer> 3.8.0 from web/node_modules, connect to the Parallax server, render the
// `trades` table in the datagrid, and re-render after a group_by and a filter applied through
// the viewer. Saves $PARALLAX_SHOT_DIR/viewer.png (and viewer-grouped.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const url = process.env.PARALLAX_URL;
const shots = process.env.PARALLAX_SHOT_DIR || os.tmpdir();
let context;
let page;
const errors = [];

before(async () => {
  assert.ok(url, "set PARALLAX_URL (scripts/web-test does)");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "parallax-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
});

after(async () => {
  await context?.close();
});

/** The datagrid's visible cells: row headers (th) and data cells (td), as text. */
async function gridText() {
  return page.evaluate(() => {
    const viewer = document.querySelector("perspective-viewer");
    const grid = viewer.querySelector("perspective-viewer-datagrid");
    const table = grid?.shadowRoot?.querySelector("regular-table") ?? grid?.querySelector("regular-table");
    if (!table) return null;
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim()));
    const head = [...table.querySelectorAll("thead tr")].map((tr) =>
      [...tr.querySelectorAll("th")].map((c) => c.textContent.trim()));
    return { head, rows };
  });
}

async function waitForGrid(predicate, what) {
  const deadline = Date.now() + 30000;
  let last = null;
  while (Date.now() < deadline) {
    last = await gridText();
    if (last && predicate(last)) return last;
    await page.waitForTimeout(200);
  }
  assert.fail(`datagrid never showed ${what}; last: ${JSON.stringify(last)?.slice(0, 500)}`);
}

test("the page loads the viewer and renders the trades table", async () => {
  await page.goto(url);
  await page.waitForFunction(() => window.parallaxReady || window.parallaxError, null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => window.parallaxError ?? null), null);
  const grid = await waitForGrid((g) => g.rows.length > 5, "rows of trades");
  const header = grid.head.flat();
  for (const column of ["id", "symbol", "qty", "price", "notional"]) {
    assert.ok(header.includes(column), `column ${column} in ${header}`);
  }
  // Every rendered trade has a known symbol and a positive quantity.
  const symbolAt = header.indexOf("symbol");
  const symbols = new Set(["AAPL", "MSFT", "AMZN", "GOOG", "META", "NVDA", "TSLA", "JPM", "V", "JNJ"]);
  const firstRow = grid.rows[0];
  assert.ok(symbols.has(firstRow[symbolAt]) || firstRow.some((c) => symbols.has(c)), `a symbol in ${firstRow}`);
  await page.screenshot({ path: path.join(shots, "viewer.png") });
});

test("a group_by and a filter applied through the viewer re-render the grid", async () => {
  await page.evaluate(async () => {
    const viewer = document.querySelector("perspective-viewer");
    await viewer.restore({
      group_by: ["side"],
      columns: ["qty", "notional"],
      filter: [["side", "==", "buy"]],
    });
  });
  const grid = await waitForGrid(
    (g) => g.rows.some((r) => r.includes("buy")) && !g.rows.some((r) => r.includes("sell")),
    "a 'buy' group and no 'sell' group");
  const config = await page.evaluate(async () => document.querySelector("perspective-viewer").save());
  assert.deepEqual(config.group_by, ["side"]);
  assert.deepEqual(config.filter, [["side", "==", "buy"]]);
  // Total row + the one group; the group's qty equals the total's (one group only).
  const numbers = grid.rows.map((r) => r.filter((c) => /^[\d,.]+$/.test(c)));
  assert.ok(grid.rows.length >= 2, `rows: ${JSON.stringify(grid.rows)}`);
  assert.equal(numbers[0][0], numbers[1][0], `total qty equals the buy group's: ${JSON.stringify(grid.rows)}`);
  await page.screenshot({ path: path.join(shots, "viewer-grouped.png") });
  assert.deepEqual(errors, []);
});
