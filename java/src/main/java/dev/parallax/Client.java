package dev.parallax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates and opens tables on a {@link Server}, like Perspective's {@code Client}. Made by
 * {@link Server#newLocalClient()}.
 *
 * <p><b>Ownership.</b> The client owns the tables it creates: {@link #close()} closes them
 * (newest first, with their views). Tables reached with {@link #openTable(String)} belong to
 * whoever created them.
 *
 * <p><b>Thread-safety.</b> Safe to use from many threads.
 */
public final class Client implements AutoCloseable {
  private final Server server;
  private final Set<Table> owned = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean open = new AtomicBoolean(true);

  Client(Server server) {
    this.server = server;
  }

  /**
   * A new table from {@code data}, hosted under a random name. {@code data} is CSV text, Arrow
   * IPC {@code byte[]}, rows ({@code List<Map<String, ?>>}), columns
   * ({@code Map<String, List<?>>}), a schema ({@code Map<String, String|ColumnType>}), a
   * {@code VectorSchemaRoot} (exported, not consumed), an {@code ArrowReader} (consumed and
   * closed) or a JDBC {@code ResultSet} (read to the end, not closed).
   */
  public Table table(Object data) {
    return table(data, TableOptions.none());
  }

  /** A new table from {@code data} with options in Perspective's keys ({@code index}, {@code limit}, {@code name}, {@code format}). */
  public Table table(Object data, Map<String, ?> options) {
    return table(data, TableOptions.fromMap(options));
  }

  /**
   * A new table from {@code data}.
   *
   * @throws InvalidInputException on bad options, bad data, or a name that is already hosted
   * @throws ParseException on malformed text or Arrow bytes
   */
  public Table table(Object data, TableOptions options) {
    ensureOpen();
    Table t = server.host(data, options, this);
    owned.add(t);
    if (!open.get()) {
      t.close();
      throw new ParallaxStateException("Client has been closed");
    }
    return t;
  }

  /** The hosted table named {@code name}. */
  public Table openTable(String name) {
    ensureOpen();
    return server.lookup(name);
  }

  /** The names of the server's tables, in creation order. */
  public List<String> getHostedTableNames() {
    ensureOpen();
    return server.getHostedTableNames();
  }

  public Server getServer() {
    return server;
  }

  public boolean isOpen() {
    return open.get();
  }

  /** Closes the tables this client created. Idempotent. */
  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    List<Table> tables = new ArrayList<>(owned);
    Collections.reverse(tables);
    tables.forEach(Table::close);
    server.forget(this);
  }

  void forget(Table table) {
    owned.remove(table);
  }

  private void ensureOpen() {
    if (!open.get()) {
      throw new ParallaxStateException("Client has been closed");
    }
  }
}
