// The reference Perspective 3.8.0 Node WebSocket server, for comparisons (ServerBench --url):
//   node web/reference-server.mjs [port]     -> ws://127.0.0.1:PORT/websocket (any path works)
import perspective from "@finos/perspective";

const port = Number(process.argv[2] || 8081);
new perspective.WebSocketServer({ port });
console.log(`[reference] Perspective 3.8.0 WebSocketServer on ws://127.0.0.1:${port}/websocket`);
