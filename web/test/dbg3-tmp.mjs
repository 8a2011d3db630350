import perspective from "@finos/perspective";
const c = await perspective.websocket(process.env.PARALLAX_WS);
console.log("connected");
console.log(await c.get_hosted_table_names());
const t = await c.table("a,b\n1,2\n", { name: "x" + process.pid, index: "a"});
console.log("made");
console.log(await t.size());
process.exit(0);
