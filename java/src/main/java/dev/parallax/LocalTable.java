package dev.parallax;

import dev.parallax.jni.ParallaxNative;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A table of a {@link Server} in this process, backed by a native {@code px_table}.
 *
 * <p><b>Live updates.</b> A change (update, remove, replace) and the notification of its views
 * run under one re-entrant {@link #changeLock}, so each view's row delta
 * ({@code px_view_delta_arrow}, "the most recent processed change") belongs to the change being
 * notified, and callbacks see changes in the order they were made. Listeners run on the changing
 * thread and may re-enter the table. Reads never take this lock.
 *
 * <p><b>Lock order:</b> {@link #changeLock}, then this table's handle lock, then a view's handle
 * lock. Closing a table or a view takes the change lock first, so a view cannot be freed in the
 * middle of a notification round, and a deleted view is never notified again.
 */
final class LocalTable extends Table {
  private final Server server;
  private final LocalClient owner;
  private final String name;
  private final Handle handle;
  /** Live views in creation order (the notification order). */
  private final List<LocalView> views = new CopyOnWriteArrayList<>();
  private final Listeners<Runnable> deleteListeners = new Listeners<>();
  /** Protocol replies to a lazy delete; run before {@link #deleteListeners}. */
  private final Listeners<Runnable> deleteReplies = new Listeners<>();
  final ReentrantLock changeLock = new ReentrantLock();
  private volatile Info info;
  private volatile boolean deleteWhenUnused;
  /** Changes waiting for {@link Server#poll()} (poll mode only); guarded by {@link #changeLock}. */
  private final List<PendingChange> pending = new ArrayList<>();

  /** The native handle; frees the table once. */
  private final class Handle extends NativeHandle {
    Handle(long h) {
      super(h);
    }

    @Override
    void closeChildren() {
      List<LocalView> open = new ArrayList<>(views);
      Collections.reverse(open);
      for (LocalView v : open) {
        v.close();
      }
      server.unhost(LocalTable.this);
      if (owner != null) {
        owner.forget(LocalTable.this);
      }
    }

    @Override
    void disposeInternal(long h) {
      ParallaxNative.px_table_free(h);
    }

    @Override
    String kind() {
      return "Table";
    }
  }

  LocalTable(long handle, Server server, String name, LocalClient owner) {
    this.handle = new Handle(handle);
    this.server = server;
    this.name = name;
    this.owner = owner;
  }

  /** Creates the native table from {@code data}. */
  static long createHandle(Object data, TableOptions options) {
    try (TableData input = TableData.of(data, options.getFormat().orElse(null), true)) {
      return input.create(options.toEngineJson());
    }
  }

  Server server() {
    return server;
  }

  @Override
  public void update(Object data, UpdateOptions options) {
    change(options.getPortId(), () -> handle.withHandle(h -> {
      try (TableData input = TableData.of(data, options.getFormat().orElse(null), false)) {
        input.update(h, options.getPortId());
      }
      return null;
    }));
  }

  @Override
  public void remove(List<?> keys, UpdateOptions options) {
    if (keys == null) {
      throw new InvalidInputException("keys must not be null");
    }
    byte[] json = NativeBridge.cstr(Json.write(keys));
    change(options.getPortId(), () -> handle.run(h -> ParallaxNative.px_table_remove(h, json, options.getPortId())));
  }

  @Override
  public void clear() {
    changeLock.lock();
    try {
      handle.run(ParallaxNative::px_table_clear);
    } finally {
      changeLock.unlock();
    }
  }

  @Override
  public void replace(Object data, UpdateOptions options) {
    change(options.getPortId(), () -> handle.withHandle(h -> {
      try (TableData input = TableData.of(data, options.getFormat().orElse(null), false)) {
        input.replace(h, options.getPortId());
      }
      return null;
    }));
  }

  /**
   * Runs one processed change, then notifies the views (at once, or at the next poll in poll
   * mode). A failed change notifies nobody.
   */
  private void change(int portId, Runnable apply) {
    changeLock.lock();
    try {
      apply.run();
      if (server.isPollMode()) {
        Map<LocalView, byte[]> deltas = new LinkedHashMap<>();
        for (LocalView v : views) {
          if (v.wantsRows()) {
            deltas.put(v, v.deltaBytes());
          }
        }
        pending.add(new PendingChange(portId, deltas));
        server.requestPoll(this);
      } else {
        for (LocalView v : views) {
          v.notifyChange(portId);
        }
      }
    } finally {
      changeLock.unlock();
    }
  }

  /**
   * Delivers the changes made since the last poll: row-mode views get one notification per
   * change (with its delta), the others one per port, in the order the ports were first used.
   */
  void flushPending() {
    changeLock.lock();
    try {
      if (pending.isEmpty()) {
        return;
      }
      List<PendingChange> changes = new ArrayList<>(pending);
      pending.clear();
      for (LocalView v : views) {
        List<Integer> portsSeen = new ArrayList<>();
        for (PendingChange c : changes) {
          if (c.deltas.containsKey(v)) {
            v.notifyChange(c.portId, c.deltas.get(v));
          } else if (!portsSeen.contains(c.portId)) {
            portsSeen.add(c.portId);
            v.notifyChange(c.portId, null);
          }
        }
      }
    } finally {
      changeLock.unlock();
    }
  }

  @Override
  public long size() {
    return handle.withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_table_size(h, out));
      return out[0];
    });
  }

  @Override
  public Map<String, ColumnType> schema() {
    return info().schema;
  }

  @Override
  public List<String> columns() {
    return info().columns;
  }

  @Override
  public Optional<String> getIndex() {
    return Optional.ofNullable(info().index);
  }

  @Override
  public OptionalLong getLimit() {
    Long limit = info().limit;
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public int makePort() {
    return handle.withHandle(h -> {
      int[] out = new int[1];
      NativeBridge.check(ParallaxNative.px_table_make_port(h, out));
      return out[0];
    });
  }

  @Override
  public View view(ViewConfig config) {
    byte[] json = NativeBridge.cstr(config.toJson());
    // Not under the change lock: building a view of a big table must not hold up updates.
    return handle.withHandle(h -> {
      if (deleteWhenUnused) {
        throw new ParallaxStateException("Table is being deleted");
      }
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_table_view(h, json, out));
      LocalView v = new LocalView(out[0], this);
      views.add(v);
      return v;
    });
  }

  @Override
  public ExpressionValidation validateExpressions(Map<String, String> expressions) {
    byte[] json = NativeBridge.cstr(Json.write(expressions));
    return ExpressionValidation.fromJson(handle.withHandle(
        h -> NativeBridge.takeString(out -> ParallaxNative.px_table_validate_expressions_json(h, json, out))));
  }

  @Override
  public int viewCount() {
    return handle.withHandle(h -> {
      int[] out = new int[1];
      NativeBridge.check(ParallaxNative.px_table_view_count(h, out));
      return out[0];
    });
  }

  @Override
  public void delete(boolean lazy) {
    changeLock.lock();
    try {
      handle.ensureOpen();
      if (lazy && !views.isEmpty()) {
        deleteWhenUnused = true;
        return;
      }
      handle.run(ParallaxNative::px_table_delete);
      close();
    } finally {
      changeLock.unlock();
    }
  }

  /** Whether a lazy delete is waiting for the last view to go. */
  boolean isDeletePending() {
    return deleteWhenUnused;
  }

  @Override
  public long onDelete(Runnable callback) {
    handle.ensureOpen();
    return deleteListeners.add(callback);
  }

  /** Registers the reply to a lazy protocol delete (sent before the on_delete pushes). */
  void onDeleteReply(Runnable reply) {
    deleteReplies.add(reply);
  }

  @Override
  public boolean removeDelete(long id) {
    return deleteListeners.remove(id);
  }

  @Override
  public boolean isOpen() {
    return handle.isOpen();
  }

  /**
   * Closes the views (newest first), frees the table, stops hosting it, then runs the
   * {@link #onDelete} callbacks and the server's hosted-table callbacks. Idempotent.
   */
  @Override
  public void close() {
    boolean closedNow;
    changeLock.lock();
    try {
      closedNow = handle.isOpen();
      handle.close();
    } finally {
      changeLock.unlock();
    }
    if (closedNow) {
      deleteReplies.forEach(Runnable::run);
      deleteReplies.clear();
      deleteListeners.forEach(Runnable::run);
      deleteListeners.clear();
      server.hostedTablesChanged();
    }
  }

  /** Called by a view when it closes; finishes a lazy delete with the last view. */
  void forget(LocalView view) {
    views.remove(view);
    if (deleteWhenUnused && views.isEmpty() && handle.isOpen()) {
      try {
        delete(false);
      } catch (ParallaxException e) {
        // A view was made concurrently: the table stays until it goes.
      }
    }
  }

  @Override
  public String toString() {
    return "Table[" + name + (isOpen() ? "]" : ", closed]");
  }

  /** Schema, columns and options; fixed at creation, so read once. */
  private Info info() {
    Info i = info;
    if (i == null) {
      String json = handle.withHandle(h -> NativeBridge.takeString(out -> ParallaxNative.px_table_info_json(h, out)));
      i = new Info(Json.parseObject(json));
      info = i;
    } else {
      handle.ensureOpen();
    }
    return i;
  }

  /** One change waiting for a poll, with the row deltas of the views that want them. */
  private static final class PendingChange {
    final int portId;
    final Map<LocalView, byte[]> deltas;

    PendingChange(int portId, Map<LocalView, byte[]> deltas) {
      this.portId = portId;
      this.deltas = deltas;
    }
  }

  private static final class Info {
    final Map<String, ColumnType> schema;
    final List<String> columns;
    final String index;
    final Long limit;

    @SuppressWarnings("unchecked")
    Info(Map<String, Object> json) {
      Map<String, ColumnType> s = new LinkedHashMap<>();
      ((Map<String, Object>) json.get("schema")).forEach((k, v) -> s.put(k, ColumnType.fromName((String) v)));
      this.schema = Collections.unmodifiableMap(s);
      this.columns = Collections.unmodifiableList(new ArrayList<>((List<String>) json.get("columns")));
      this.index = (String) json.get("index");
      Object l = json.get("limit");
      this.limit = l == null ? null : ((Number) l).longValue();
    }
  }
}
