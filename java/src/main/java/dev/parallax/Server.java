package dev.parallax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hosts named tables in this process, like Perspective's {@code Server}; {@link Client}s create
 * and open them. Unlike Perspective, creating a table under a name that is already hosted raises
 * {@link InvalidInputException} instead of handing back the existing table.
 *
 * <p><b>Ownership.</b> The server owns every table it hosts and every client it made:
 * {@link #close()} closes the clients, then the remaining tables (and so their views). A table
 * stops being hosted when it is closed or deleted.
 *
 * <p><b>Thread-safety.</b> Safe to use from many threads.
 */
public final class Server implements AutoCloseable {
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Set<String> reserved = new java.util.HashSet<>();
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean open = new AtomicBoolean(true);

  public Server() {}

  /** A client of this server in the same process. */
  public Client newLocalClient() {
    ensureOpen();
    Client c = new Client(this);
    clients.add(c);
    return c;
  }

  /** The names of the hosted tables, in creation order. */
  public List<String> getHostedTableNames() {
    synchronized (tables) {
      return Collections.unmodifiableList(new ArrayList<>(tables.keySet()));
    }
  }

  /** Whether {@link #close()} has not been called. */
  public boolean isOpen() {
    return open.get();
  }

  /** Closes every client and every hosted table. Idempotent. */
  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    for (Client c : new ArrayList<>(clients)) {
      c.close();
    }
    List<Table> remaining;
    synchronized (tables) {
      remaining = new ArrayList<>(tables.values());
    }
    Collections.reverse(remaining);
    remaining.forEach(Table::close);
  }

  /** Creates and hosts a table; the name is reserved while the data loads. */
  Table host(Object data, TableOptions options, Client owner) {
    ensureOpen();
    String name = options.getName().orElseGet(() -> UUID.randomUUID().toString());
    synchronized (tables) {
      if (tables.containsKey(name) || !reserved.add(name)) {
        throw new InvalidInputException("A table named '" + name + "' is already hosted");
      }
    }
    Table table = null;
    try {
      long handle = Table.createHandle(data, options.withName(name));
      table = new Table(handle, this, name, owner);
      synchronized (tables) {
        tables.put(name, table);
      }
      if (!open.get()) {
        table.close();
        throw new ParallaxStateException("Server has been closed");
      }
      return table;
    } finally {
      synchronized (tables) {
        reserved.remove(name);
      }
    }
  }

  Table lookup(String name) {
    ensureOpen();
    synchronized (tables) {
      Table t = tables.get(name);
      if (t == null) {
        throw new InvalidInputException("No table named '" + name + "' is hosted");
      }
      return t;
    }
  }

  void unhost(Table table) {
    synchronized (tables) {
      tables.remove(table.getName(), table);
    }
  }

  void forget(Client client) {
    clients.remove(client);
  }

  private void ensureOpen() {
    if (!open.get()) {
      throw new ParallaxStateException("Server has been closed");
    }
  }
}
