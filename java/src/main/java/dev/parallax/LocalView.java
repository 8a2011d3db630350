package dev.parallax;

import dev.parallax.jni.ParallaxNative;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * A view of a {@link LocalTable}, backed by a native {@code px_view}.
 *
 * <p>Update listeners are called by {@link LocalTable} under its change lock (see there); this
 * class computes the row delta once per change and hands it to every listener.
 */
final class LocalView extends View {
  private static final System.Logger LOG = System.getLogger("dev.parallax");
  private static final AtomicBoolean DELTA_WARNED = new AtomicBoolean();

  private final LocalTable table;
  private final Handle handle;
  /** {@link ByteListener} and {@link ArrowListener} entries, in registration order. */
  private final Listeners<Object> updateListeners = new Listeners<>();
  private final Listeners<Runnable> deleteListeners = new Listeners<>();

  private record ByteListener(UpdateListener listener, UpdateMode mode) {}

  private record ArrowListener(ArrowUpdateListener listener) {}

  private final class Handle extends NativeHandle {
    Handle(long h) {
      super(h);
    }

    @Override
    void disposeInternal(long h) {
      try {
        ParallaxNative.px_view_delete(h);
      } finally {
        ParallaxNative.px_view_free(h);
      }
    }

    @Override
    String kind() {
      return "View";
    }
  }

  LocalView(long handle, LocalTable table) {
    this.handle = new Handle(handle);
    this.table = table;
  }

  @Override
  public Table getTable() {
    return table;
  }

  // ---- Arrow ----

  @Override
  public byte[] toArrow(ViewWindow window) {
    try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
        VectorSchemaRoot root = toVectorSchemaRoot(ArrowBridge.allocator(), window, dictionaries)) {
      return window.isLz4() ? ArrowBridge.toLz4IpcStream(root, dictionaries) : ArrowBridge.toIpcStream(root, dictionaries);
    }
  }

  @Override
  public VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator, ViewWindow window) {
    try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider()) {
      VectorSchemaRoot root = toVectorSchemaRoot(allocator, window, dictionaries);
      return ArrowBridge.decodeDictionaries(allocator, root, dictionaries);
    }
  }

  @Override
  public VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator, ViewWindow window, CDataDictionaryProvider dictionaries) {
    byte[] win = NativeBridge.cstr(window.toEngineJson());
    return handle.withHandle(h -> ArrowBridge.importBatch(allocator, dictionaries,
        (schema, array) -> ParallaxNative.px_view_to_arrow(h, win, schema, array)));
  }

  // ---- text ----

  @Override
  public String toColumnsString(ViewWindow window) {
    return text("columns", window);
  }

  @Override
  public String toJsonString(ViewWindow window) {
    return text("records", window);
  }

  @Override
  public String toNdjson(ViewWindow window) {
    return text("ndjson", window);
  }

  @Override
  public String toCsv(ViewWindow window) {
    return text("csv", window);
  }

  private String text(String format, ViewWindow window) {
    byte[] fmt = NativeBridge.cstr(format);
    byte[] win = NativeBridge.cstr(window.toEngineJson());
    return handle.withHandle(h -> NativeBridge.takeString(out -> ParallaxNative.px_view_to_text(h, fmt, win, out)));
  }

  // ---- metadata ----

  @Override
  public ViewDimensions dimensions() {
    Map<String, Object> d = Json.parseObject(json(ParallaxNative::px_view_dimensions_json));
    return new ViewDimensions(number(d, "num_table_rows"), number(d, "num_table_columns"),
        number(d, "num_view_rows"), number(d, "num_view_columns"));
  }

  @Override
  public long numRows() {
    return handle.withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_view_num_rows(h, out));
      return out[0];
    });
  }

  @Override
  public Map<String, ColumnType> schema() {
    return types(json(ParallaxNative::px_view_schema_json));
  }

  @Override
  public Map<String, ColumnType> expressionSchema() {
    return types(json(ParallaxNative::px_view_expression_schema_json));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> columnPaths(ViewWindow window) {
    byte[] win = NativeBridge.cstr(window.toEngineJson());
    String json = handle.withHandle(h -> NativeBridge.takeString(out -> ParallaxNative.px_view_column_paths_json(h, win, out)));
    List<Object> paths = Json.parseArray(json);
    return Collections.unmodifiableList((List<String>) (List<?>) paths);
  }

  @Override
  public ViewConfig getConfig() {
    return ViewConfig.fromJson(json(ParallaxNative::px_view_config_json));
  }

  @Override
  public List<Object> getMinMax(String column) {
    byte[] col = NativeBridge.cstr(column);
    String json = handle.withHandle(h -> NativeBridge.takeString(out -> ParallaxNative.px_view_min_max_json(h, col, out)));
    return Json.parseArray(json);
  }

  @Override
  public long expand(long row) {
    return handle.withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_view_expand(h, row, out));
      return out[0];
    });
  }

  @Override
  public long collapse(long row) {
    return handle.withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_view_collapse(h, row, out));
      return out[0];
    });
  }

  @Override
  public void setDepth(int depth) {
    handle.run(h -> ParallaxNative.px_view_set_depth(h, depth));
  }

  // ---- live updates ----

  @Override
  public long onUpdate(UpdateListener listener, UpdateMode mode) {
    handle.ensureOpen();
    if (listener == null) {
      throw new InvalidInputException("listener must not be null");
    }
    long id = updateListeners.add(new ByteListener(listener, mode == null ? UpdateMode.NONE : mode));
    syncRowDeltas();
    return id;
  }

  @Override
  public long onUpdateArrow(ArrowUpdateListener listener) {
    handle.ensureOpen();
    if (listener == null) {
      throw new InvalidInputException("listener must not be null");
    }
    long id = updateListeners.add(new ArrowListener(listener));
    syncRowDeltas();
    return id;
  }

  @Override
  public boolean removeUpdate(long id) {
    boolean removed = updateListeners.remove(id);
    if (removed && handle.isOpen()) {
      syncRowDeltas();
    }
    return removed;
  }

  /** The engine tracks the rows each change touches only while a listener wants them. */
  private void syncRowDeltas() {
    boolean on = wantsRows();
    handle.run(h -> ParallaxNative.px_view_set_row_deltas(h, on ? 1 : 0));
  }

  @Override
  public long onDelete(Runnable callback) {
    handle.ensureOpen();
    return deleteListeners.add(callback);
  }

  @Override
  public boolean removeDelete(long id) {
    return deleteListeners.remove(id);
  }

  /** Whether any listener asked for row deltas. */
  boolean wantsRows() {
    for (Object l : updateListeners.snapshot()) {
      if (l instanceof ArrowListener || ((ByteListener) l).mode == UpdateMode.ROW) {
        return true;
      }
    }
    return false;
  }

  /**
   * Notifies the listeners of the change just made (caller holds the table's change lock). The
   * delta is imported once (zero-copy) for every listener, and serialised to IPC bytes once if
   * any byte listener is registered.
   */
  void notifyChange(int portId) {
    if (!handle.isOpen() || updateListeners.isEmpty()) {
      return;
    }
    if (!wantsRows()) {
      deliver(portId, null, null, null);
      return;
    }
    try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider()) {
      VectorSchemaRoot root = importDelta(dictionaries);
      try {
        byte[] bytes = root == null ? null : ArrowBridge.toIpcStream(root, dictionaries);
        deliver(portId, bytes, root, dictionaries);
      } finally {
        if (root != null) {
          root.close();
        }
      }
    }
  }

  /** Notifies a change that was recorded earlier (poll mode), with its delta bytes if any. */
  void notifyChange(int portId, byte[] delta) {
    if (!handle.isOpen() || updateListeners.isEmpty()) {
      return;
    }
    if (delta == null) {
      deliver(portId, null, null, null);
      return;
    }
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(delta), ArrowBridge.allocator())) {
      VectorSchemaRoot root = reader.loadNextBatch() ? reader.getVectorSchemaRoot() : null;
      deliver(portId, delta, root, reader);
    } catch (IOException e) {
      throw new EngineException("cannot read a recorded row delta: " + e.getMessage(), e);
    }
  }

  private void deliver(int portId, byte[] bytes, VectorSchemaRoot root, DictionaryProvider dictionaries) {
    ViewUpdate update = new ViewUpdate(portId, bytes);
    updateListeners.forEach(l -> {
      if (!handle.isOpen()) {
        return;
      }
      if (l instanceof ArrowListener) {
        if (root != null) {
          ((ArrowListener) l).listener.onUpdate(portId, root, dictionaries);
        }
      } else {
        ((ByteListener) l).listener.onUpdate(update);
      }
    });
  }

  /** The current row delta as IPC bytes, or null when the engine has none. */
  byte[] deltaBytes() {
    try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider()) {
      VectorSchemaRoot root = importDelta(dictionaries);
      if (root == null) {
        return null;
      }
      try (root) {
        return ArrowBridge.toIpcStream(root, dictionaries);
      }
    }
  }

  /**
   * Imports the engine's delta of the latest change zero-copy, or returns null (logged once)
   * when the engine cannot produce it.
   */
  private VectorSchemaRoot importDelta(CDataDictionaryProvider dictionaries) {
    try {
      return handle.withHandle(h -> ArrowBridge.importBatch(ArrowBridge.allocator(), dictionaries,
          (schema, array) -> ParallaxNative.px_view_delta_arrow(h, schema, array)));
    } catch (ParallaxException e) {
      if (DELTA_WARNED.compareAndSet(false, true)) {
        LOG.log(Level.INFO, "row deltas unavailable, ROW-mode listeners get none: " + e.getMessage());
      }
      return null;
    }
  }

  // ---- lifecycle ----

  @Override
  public void delete() {
    handle.ensureOpen();
    close();
  }

  @Override
  public boolean isOpen() {
    return handle.isOpen();
  }

  /**
   * Frees the view (waiting for a notification round in progress), then runs the
   * {@link #onDelete} callbacks. Idempotent.
   */
  @Override
  public void close() {
    boolean closedNow;
    table.changeLock.lock();
    try {
      closedNow = handle.isOpen();
      handle.close();
      updateListeners.clear();
    } finally {
      table.changeLock.unlock();
    }
    if (closedNow) {
      deleteListeners.forEach(Runnable::run);
      deleteListeners.clear();
      table.forget(this);
    }
  }

  @Override
  public String toString() {
    return "View[" + table.getName() + (isOpen() ? "]" : ", closed]");
  }

  @FunctionalInterface
  private interface JsonCall {
    int apply(long view, long[] out);
  }

  private String json(JsonCall call) {
    return handle.withHandle(h -> NativeBridge.takeString(out -> call.apply(h, out)));
  }

  static Map<String, ColumnType> types(String json) {
    Map<String, ColumnType> out = new LinkedHashMap<>();
    Json.parseObject(json).forEach((k, v) -> out.put(k, ColumnType.fromName((String) v)));
    return Collections.unmodifiableMap(out);
  }

  private static long number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number)) {
      throw new EngineException("engine dimensions lack `" + key + "`");
    }
    return ((Number) v).longValue();
  }
}
