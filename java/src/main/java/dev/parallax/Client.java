package dev.parallax;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Creates and opens tables on a server, like Perspective's {@code Client}: either a
 * {@link Server} in this process ({@link Server#newLocalClient()}) or a remote Perspective
 * server over a WebSocket ({@link #websocket(String)}; a Parallax server, or the reference
 * Perspective server). Both hand out the same {@link Table} and {@link View} types.
 *
 * <p><b>Ownership.</b> A local client owns the tables it creates: {@link #close()} closes them
 * (newest first, with their views). Tables reached with {@link #openTable(String)} belong to
 * whoever created them. A remote client's {@link #close()} ends the connection: the server then
 * deletes the views this client made, and keeps the tables.
 *
 * <p><b>Thread-safety.</b> Safe to use from many threads. For calls that return futures, see
 * {@link AsyncClient}.
 */
public abstract class Client implements AutoCloseable {
  Client() {}

  /**
   * Connects to the Perspective WebSocket server at {@code url} (e.g.
   * {@code ws://localhost:8080/websocket}); nothing is sent until the first call.
   *
   * @throws ParallaxException when the connection cannot be opened
   */
  public static Client websocket(String url) {
    return websocket(url, RemoteOptions.defaults());
  }

  /**
   * Connects to the Perspective WebSocket server at {@code url}, delivering pushes as
   * {@code options} say (e.g. on the I/O thread, for the lowest latency).
   *
   * @throws ParallaxException when the connection cannot be opened
   */
  public static Client websocket(String url, RemoteOptions options) {
    return RemoteClient.connect(URI.create(url), java.util.Objects.requireNonNull(options, "options"));
  }

  /**
   * A new table from {@code data}, hosted under a random name. {@code data} is CSV text, Arrow
   * IPC {@code byte[]} (or text {@code byte[]} with a {@code format}), a file
   * ({@code java.nio.file.Path}: Arrow IPC, CSV, JSON or NDJSON, by the {@code format} option or
   * the file name's extension), rows ({@code List<Map<String, ?>>}), columns
   * ({@code Map<String, List<?>>}), a schema ({@code Map<String, String|ColumnType>}), a
   * {@code VectorSchemaRoot} (exported, not consumed), an {@code ArrowReader} (consumed and
   * closed), a JDBC {@code ResultSet} (read to the end, not closed), or a {@link View} of any
   * client: the new table then mirrors the view (replicated mode, see {@link Replica}).
   */
  public final Table table(Object data) {
    return table(data, TableOptions.none());
  }

  /** A new table from {@code data} with options in Perspective's keys ({@code index}, {@code limit}, {@code name}, {@code format}). */
  public final Table table(Object data, Map<String, ?> options) {
    return table(data, TableOptions.fromMap(options));
  }

  /**
   * A new table from {@code data}.
   *
   * @throws InvalidInputException on bad options, bad data, or a name that is already hosted
   * @throws ParseException on malformed text or Arrow bytes
   */
  public final Table table(Object data, TableOptions options) {
    if (data instanceof View) {
      return Replica.mirror(this, (View) data, options);
    }
    return createTable(data, options);
  }

  abstract Table createTable(Object data, TableOptions options);

  /** The hosted table named {@code name}. */
  public abstract Table openTable(String name);

  /** The names of the server's tables, in creation order. */
  public abstract List<String> getHostedTableNames();

  /**
   * Registers {@code callback} to run whenever a table is created or deleted on the server.
   * Returns an id for {@link #removeHostedTablesUpdate(long)}.
   */
  public abstract long onHostedTablesUpdate(Runnable callback);

  public abstract boolean removeHostedTablesUpdate(long id);

  /**
   * Memory and CPU figures of the server: {@code heap_size}, {@code used_size},
   * {@code cpu_time}, {@code cpu_time_epoch} (Perspective's {@code system_info}).
   */
  public abstract Map<String, Object> systemInfo();

  public abstract boolean isOpen();

  /** Same as {@link #close()} (Perspective's {@code terminate}). */
  public final void terminate() {
    close();
  }

  @Override
  public abstract void close();
}
