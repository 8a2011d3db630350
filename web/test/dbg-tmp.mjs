import perspective from "@finos/perspective";
import { runScenario } from "./scenario.mjs";
const which = process.argv[2];
let url = process.env.PARALLAX_WS, ref;
if (which === "ref") { ref = new perspective.WebSocketServer({ port: 39111 }); url = "ws://127.0.0.1:39111/websocket"; }
const c = await perspective.websocket(url);
const r = await runScenario(c, "dbg" + process.pid);
console.log(Object.keys(r).length, JSON.stringify(r).slice(0, 300));
if (ref) await ref.close();
process.exit(0);
