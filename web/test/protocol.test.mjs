// Protocol conformance: the real @finos/perspective 3.8.0 JS client runs scenario.mjs against
// the Parallax server (PARALLAX_WS, started by scripts/web-test) and against the reference
// Perspective Node server started here; every recorded result must be equal. Known gaps of the
// engine are listed in KNOWN_GAPS with their reason: a differing key in that list is reported,
// not failed; a listed key that now matches is reported as closed.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import perspective from "@finos/perspective";
import { runScenario } from "./scenario.mjs";

const KNOWN_GAPS = [
  [/^view\.filter_in\.get_config$/, "reference quirk not copied: get_config prefixes `in` values with nulls"],
];

function gapOf(key) {
  const hit = KNOWN_GAPS.find(([re]) => re.test(key));
  return hit ? hit[1] : null;
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const parallaxUrl = process.env.PARALLAX_WS;
if (!parallaxUrl) {
  throw new Error("set PARALLAX_WS to the Parallax server's WebSocket URL (scripts/web-test does)");
}
const refPort = await freePort();
const reference = new perspective.WebSocketServer({ port: refPort });
const refClient = await perspective.websocket(`ws://127.0.0.1:${refPort}/websocket`);
const pxClient = await perspective.websocket(parallaxUrl);
const prefix = `conf${process.pid}`;
const expected = await runScenario(refClient, prefix);
const actual = await runScenario(pxClient, prefix);
for (const c of [pxClient, refClient]) {
  try {
    await c.terminate(); // closes the socket, so the test process can end
  } catch {
    // already closed
  }
}
await reference.close();
if (process.env.PROTOCOL_DUMP) {
  // Debug aid: PROTOCOL_DUMP=file.json writes both records.
  fs.writeFileSync(process.env.PROTOCOL_DUMP, JSON.stringify({ expected, actual }, null, 1));
}

const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
const gaps = [];
for (const key of keys) {
  const gap = gapOf(key);
  test(key, () => {
    if (gap) {
      let same = true;
      try {
        assert.deepStrictEqual(actual[key], expected[key]);
      } catch {
        same = false;
      }
      gaps.push(`${same ? "CLOSED" : "gap"}: ${key} (${gap})`);
      return;
    }
    assert.deepStrictEqual(actual[key], expected[key]);
  });
}
test("known gaps (reported, not failed)", () => {
  for (const g of gaps) console.log(`# ${g}`);
});
