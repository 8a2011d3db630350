package dev.parallax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client of a {@link Server} in this process. Owns the tables it creates and its hosted-table
 * callbacks (closed and dropped by {@link #close()}). Thread-safe.
 */
final class LocalClient extends Client {
  private final Server server;
  private final Set<LocalTable> owned = ConcurrentHashMap.newKeySet();
  private final Set<Long> hostedCallbacks = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean open = new AtomicBoolean(true);

  LocalClient(Server server) {
    this.server = server;
  }

  @Override
  Table createTable(Object data, TableOptions options) {
    ensureOpen();
    LocalTable t = server.host(data, options, this);
    owned.add(t);
    if (!open.get()) {
      t.close();
      throw new ParallaxStateException("Client has been closed");
    }
    return t;
  }

  @Override
  public Table openTable(String name) {
    ensureOpen();
    return server.lookup(name);
  }

  @Override
  public List<String> getHostedTableNames() {
    ensureOpen();
    return server.getHostedTableNames();
  }

  @Override
  public long onHostedTablesUpdate(Runnable callback) {
    ensureOpen();
    long id = server.onHostedTablesUpdate(callback);
    hostedCallbacks.add(id);
    return id;
  }

  @Override
  public boolean removeHostedTablesUpdate(long id) {
    hostedCallbacks.remove(id);
    return server.removeHostedTablesUpdate(id);
  }

  @Override
  public Map<String, Object> systemInfo() {
    ensureOpen();
    return Parallax.systemInfo();
  }

  /** The server this client belongs to. */
  public Server getServer() {
    return server;
  }

  @Override
  public boolean isOpen() {
    return open.get();
  }

  /** Closes the tables this client created and drops its callbacks. Idempotent. */
  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    hostedCallbacks.forEach(server::removeHostedTablesUpdate);
    List<LocalTable> tables = new ArrayList<>(owned);
    Collections.reverse(tables);
    tables.forEach(LocalTable::close);
    server.forget(this);
  }

  void forget(LocalTable table) {
    owned.remove(table);
  }

  private void ensureOpen() {
    if (!open.get()) {
      throw new ParallaxStateException("Client has been closed");
    }
  }
}
