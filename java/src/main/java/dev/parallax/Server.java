package dev.parallax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hosts named tables in this process, like Perspective's {@code Server}; {@link Client}s made by
 * {@link #newLocalClient()} create and open them, and {@link Session}s made by
 * {@link #newSession(Consumer)} serve them to remote clients over any transport (see
 * {@code dev.parallax.server.ParallaxWebSocket} for the WebSocket one). Unlike Perspective,
 * creating a table under a name that is already hosted raises {@link InvalidInputException}
 * instead of handing back the existing table.
 *
 * <p><b>Update batching.</b> A server made with {@link #Server()} notifies {@code on_update}
 * listeners before each {@code update}/{@code remove}/{@code replace} returns. A server made with
 * {@link #Server(Runnable)} applies changes at once (so errors are raised to the caller) but
 * holds their notifications: it calls {@code onPollRequest} once, and the host must then call
 * {@link #poll()} (soon, on any thread), which delivers everything since the last poll, one
 * notification per view and port (row-mode views: one per change, each with its delta).
 * Sessions poll before answering a read, so pushes precede the reply, as in Perspective.
 *
 * <p><b>Ownership.</b> The server owns every table it hosts, every client and session it made:
 * {@link #close()} closes the sessions and clients, then the remaining tables (and so their
 * views). A table stops being hosted when it is closed or deleted.
 *
 * <p><b>Thread-safety.</b> Safe to use from many threads.
 */
public final class Server implements AutoCloseable {
  private final Map<String, LocalTable> tables = new LinkedHashMap<>();
  private final Set<String> reserved = new HashSet<>();
  private final Set<LocalClient> clients = ConcurrentHashMap.newKeySet();
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final Listeners<Runnable> hostedListeners = new Listeners<>();
  private final AtomicBoolean open = new AtomicBoolean(true);
  /** View ids of the protocol: global on the server (as Perspective), not per session. */
  final Map<String, Session.HostedView> protocolViews = new ConcurrentHashMap<>();
  private final Runnable onPollRequest;
  private final Set<LocalTable> dirty = new LinkedHashSet<>();
  private final AtomicBoolean pollRequested = new AtomicBoolean();

  /** A server that notifies listeners at once. */
  public Server() {
    this(null);
  }

  /**
   * A server that batches notifications: {@code onPollRequest} is called (on the thread that
   * made a change) when changes wait, and the host must then call {@link #poll()}. A null hook
   * means "notify at once".
   */
  public Server(Runnable onPollRequest) {
    this.onPollRequest = onPollRequest;
  }

  /** A client of this server in the same process. */
  public Client newLocalClient() {
    ensureOpen();
    LocalClient c = new LocalClient(this);
    clients.add(c);
    return c;
  }

  /**
   * A protocol session, for a custom transport: feed each request message (one protobuf
   * {@code Request}) to {@link Session#handleRequest(byte[])}; every response and push goes to
   * {@code responseCallback} (see {@link Session} for its threading). Close the session when the
   * connection ends.
   */
  public Session newSession(Consumer<byte[]> responseCallback) {
    ensureOpen();
    Session s = new Session(this, responseCallback);
    sessions.add(s);
    return s;
  }

  /**
   * Delivers the notifications held since the last poll (poll mode; a no-op otherwise or when
   * nothing waits). Listeners run on the calling thread.
   */
  public void poll() {
    List<LocalTable> todo;
    synchronized (dirty) {
      pollRequested.set(false);
      todo = new ArrayList<>(dirty);
      dirty.clear();
    }
    for (LocalTable t : todo) {
      t.flushPending();
    }
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

  /** Closes every session, client and hosted table. Idempotent. */
  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    for (Session s : new ArrayList<>(sessions)) {
      s.close();
    }
    for (LocalClient c : new ArrayList<>(clients)) {
      c.close();
    }
    List<LocalTable> remaining;
    synchronized (tables) {
      remaining = new ArrayList<>(tables.values());
    }
    Collections.reverse(remaining);
    remaining.forEach(LocalTable::close);
    hostedListeners.clear();
  }

  // ---- package-private: hosting ----

  /** Creates and hosts a table; the name is reserved while the data loads. */
  LocalTable host(Object data, TableOptions options, LocalClient owner) {
    ensureOpen();
    String name = options.getName().orElseGet(() -> UUID.randomUUID().toString());
    synchronized (tables) {
      if (tables.containsKey(name) || !reserved.add(name)) {
        throw new InvalidInputException("A table named '" + name + "' is already hosted");
      }
    }
    LocalTable table;
    try {
      long handle = LocalTable.createHandle(data, options.withName(name));
      table = new LocalTable(handle, this, name, owner);
      synchronized (tables) {
        tables.put(name, table);
      }
      if (!open.get()) {
        table.close();
        throw new ParallaxStateException("Server has been closed");
      }
    } finally {
      synchronized (tables) {
        reserved.remove(name);
      }
    }
    hostedTablesChanged();
    return table;
  }

  LocalTable lookup(String name) {
    LocalTable t = find(name);
    if (t == null) {
      throw new InvalidInputException("No table named '" + name + "' is hosted");
    }
    return t;
  }

  /** The hosted table {@code name}, or null. */
  LocalTable find(String name) {
    ensureOpen();
    synchronized (tables) {
      return tables.get(name);
    }
  }

  /** The hosted tables in creation order. */
  List<LocalTable> hostedTables() {
    synchronized (tables) {
      return new ArrayList<>(tables.values());
    }
  }

  void unhost(LocalTable table) {
    synchronized (tables) {
      tables.remove(table.getName(), table);
    }
  }

  void forget(LocalClient client) {
    clients.remove(client);
  }

  void forget(Session session) {
    sessions.remove(session);
  }

  // ---- package-private: notifications ----

  long onHostedTablesUpdate(Runnable callback) {
    return hostedListeners.add(callback);
  }

  boolean removeHostedTablesUpdate(long id) {
    return hostedListeners.remove(id);
  }

  /** Runs the hosted-table callbacks (a table was created or deleted). */
  void hostedTablesChanged() {
    hostedListeners.forEach(Runnable::run);
  }

  boolean isPollMode() {
    return onPollRequest != null;
  }

  /** Records that {@code table} holds notifications, and asks the host to poll once. */
  void requestPoll(LocalTable table) {
    synchronized (dirty) {
      dirty.add(table);
    }
    if (pollRequested.compareAndSet(false, true)) {
      Listeners.invoke(onPollRequest, Runnable::run);
    }
  }

  /** Whether notifications are waiting for a poll. */
  boolean hasPending() {
    synchronized (dirty) {
      return !dirty.isEmpty();
    }
  }

  private void ensureOpen() {
    if (!open.get()) {
      throw new ParallaxStateException("Server has been closed");
    }
  }
}
