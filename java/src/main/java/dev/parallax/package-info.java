/**
 * Parallax: a native re-implementation of the Perspective streaming pivot engine, with a Java
 * API that mirrors Perspective's Python one in Java style.
 *
 * <pre>{@code
 * try (Server server = new Server(); Client client = server.newLocalClient()) {
 *   Table trades = client.table(csvText, TableOptions.builder().index("id").build());
 *   try (View view = trades.view(Map.of("group_by", List.of("symbol"), "columns", List.of("qty")))) {
 *     Map<String, List<Object>> columns = view.toColumns();
 *     trades.update(List.of(Map.of("id", 7, "qty", 300)));
 *   }
 * }
 * }</pre>
 *
 * <p>Objects: a {@link dev.parallax.Server} hosts named {@link dev.parallax.Table}s, made and
 * opened through {@link dev.parallax.Client}s ({@link dev.parallax.Parallax} offers a default
 * server); a table makes {@link dev.parallax.View}s. Tables and views own native memory: close
 * them (or their client or server), nothing is freed by the garbage collector. All of them are
 * safe to use from many threads.
 *
 * <p>Live data: {@link dev.parallax.View#onUpdate} and {@code onDelete} callbacks (row deltas in
 * {@link dev.parallax.UpdateMode#ROW}), ports from {@link dev.parallax.Table#makePort()}, and
 * batched notifications with {@link dev.parallax.Server#Server(Runnable)} and
 * {@link dev.parallax.Server#poll()}. Remote data: {@link dev.parallax.Client#websocket(String)}
 * speaks Perspective's WebSocket protocol to any Perspective server, and
 * {@link dev.parallax.Server#newSession} / {@code dev.parallax.server.ParallaxWebSocket} serve
 * it (docs/SERVER.md). {@link dev.parallax.AsyncClient} returns futures.
 *
 * <p>Errors are unchecked {@link dev.parallax.ParallaxException}s carrying the engine's message.
 *
 * <p>Arrow Java needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on JDK 17. The native
 * libraries come in the {@code linux-x86_64} jar (glibc and libstdc++ of Debian bookworm or
 * newer) and load without {@code -Djava.library.path}.
 */
package dev.parallax;
