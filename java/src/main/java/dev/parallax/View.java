package dev.parallax;

import dev.parallax.jni.ParallaxNative;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A live query over a {@link Table}: its config's pivots, filters, sorts and expressions,
 * kept up to date as the table changes. Mirrors Perspective's {@code View}.
 *
 * <p>Serialisers take an optional {@link ViewWindow}. Values in {@link #toColumns()} and
 * {@link #toJson()} are Perspective's: numbers ({@code Long} for integers, {@code Double} for
 * floats; NaN as null), {@code String}, {@code Boolean}, dates and datetimes as epoch
 * milliseconds (UTC) unless the window is {@code formatted}, and {@code __ROW_PATH__} as a list
 * of group values.
 *
 * <p><b>Ownership.</b> The caller owns the view and closes it ({@link #close()} and
 * {@link #delete()} both free it); closing its table closes it too. Arrow results are owned by
 * the caller. A closed view raises {@link ParallaxStateException}.
 *
 * <p><b>Thread-safety.</b> Safe to use from many threads at once; each read sees the table as of
 * one moment.
 */
public final class View extends NativeHandle {
  private final Table table;

  View(long handle, Table table) {
    super(handle);
    this.table = table;
  }

  /** The table this view reads. */
  public Table getTable() {
    return table;
  }

  // ---- Arrow ----

  /** The whole view as Arrow IPC stream bytes (strings dictionary-encoded). */
  public byte[] toArrow() {
    return toArrow(ViewWindow.all());
  }

  /** The window as Arrow IPC stream bytes (strings dictionary-encoded). */
  public byte[] toArrow(ViewWindow window) {
    try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
        VectorSchemaRoot root = toVectorSchemaRoot(ArrowBridge.allocator(), window, dictionaries)) {
      return ArrowBridge.toIpcStream(root, dictionaries);
    }
  }

  /** The whole view as a root with plain (decoded) string columns; see {@link #toVectorSchemaRoot(BufferAllocator, ViewWindow)}. */
  public VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator) {
    return toVectorSchemaRoot(allocator, ViewWindow.all());
  }

  /**
   * The window as a new root allocated from {@code allocator}. Numeric, boolean and date columns
   * are the engine's buffers (zero-copy, released when the root is closed); string columns are
   * decoded from their dictionaries into plain {@code VarCharVector}s. The caller closes the
   * root.
   */
  public VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator, ViewWindow window) {
    try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider()) {
      VectorSchemaRoot root = toVectorSchemaRoot(allocator, window, dictionaries);
      return ArrowBridge.decodeDictionaries(allocator, root, dictionaries);
    }
  }

  /**
   * The window as a new root allocated from {@code allocator}, entirely zero-copy: string
   * columns stay dictionary-encoded and their dictionaries go to {@code dictionaries}. The caller
   * closes both the root and the provider.
   */
  public VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator, ViewWindow window, CDataDictionaryProvider dictionaries) {
    byte[] win = NativeBridge.cstr(window.toEngineJson());
    return withHandle(h -> ArrowBridge.importBatch(allocator, dictionaries,
        (schema, array) -> ParallaxNative.px_view_to_arrow(h, win, schema, array)));
  }

  // ---- Java values ----

  /** The whole view as column name to values, in output order. */
  public Map<String, List<Object>> toColumns() {
    return toColumns(ViewWindow.all());
  }

  @SuppressWarnings("unchecked")
  public Map<String, List<Object>> toColumns(ViewWindow window) {
    Map<String, Object> parsed = Json.parseObject(toColumnsString(window));
    Map<String, List<Object>> out = new LinkedHashMap<>();
    parsed.forEach((k, v) -> out.put(k, (List<Object>) v));
    return out;
  }

  /** The whole view as one map per row (Perspective's {@code to_json} / {@code to_records}). */
  public List<Map<String, Object>> toJson() {
    return toJson(ViewWindow.all());
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> toJson(ViewWindow window) {
    List<Object> rows = Json.parseArray(toJsonString(window));
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Object r : rows) {
      out.add((Map<String, Object>) r);
    }
    return out;
  }

  /** Same as {@link #toJson()}. */
  public List<Map<String, Object>> toRecords() {
    return toJson();
  }

  public List<Map<String, Object>> toRecords(ViewWindow window) {
    return toJson(window);
  }

  // ---- text ----

  /** The engine's JSON text of {@link #toColumns()}. */
  public String toColumnsString() {
    return toColumnsString(ViewWindow.all());
  }

  public String toColumnsString(ViewWindow window) {
    return text("columns", window);
  }

  /** The engine's JSON text of {@link #toJson()}. */
  public String toJsonString() {
    return toJsonString(ViewWindow.all());
  }

  public String toJsonString(ViewWindow window) {
    return text("records", window);
  }

  /** One JSON record per line, no trailing newline. */
  public String toNdjson() {
    return toNdjson(ViewWindow.all());
  }

  public String toNdjson(ViewWindow window) {
    return text("ndjson", window);
  }

  /** CSV with a quoted header line and a newline after every row. */
  public String toCsv() {
    return toCsv(ViewWindow.all());
  }

  public String toCsv(ViewWindow window) {
    return text("csv", window);
  }

  private String text(String format, ViewWindow window) {
    byte[] fmt = NativeBridge.cstr(format);
    byte[] win = NativeBridge.cstr(window.toEngineJson());
    return withHandle(h -> NativeBridge.takeString(out -> ParallaxNative.px_view_to_text(h, fmt, win, out)));
  }

  // ---- metadata ----

  /** Table and view row and column counts. */
  public ViewDimensions dimensions() {
    Map<String, Object> d = Json.parseObject(json(ParallaxNative::px_view_dimensions_json));
    return new ViewDimensions(number(d, "num_table_rows"), number(d, "num_table_columns"),
        number(d, "num_view_rows"), number(d, "num_view_columns"));
  }

  /** Visible rows, the total row included. */
  public long numRows() {
    return withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_view_num_rows(h, out));
      return out[0];
    });
  }

  /** Data columns (split paths in split views). */
  public long numColumns() {
    return dimensions().numViewColumns();
  }

  /** Output column to type, after aggregation (expression columns included). */
  public Map<String, ColumnType> schema() {
    return types(json(ParallaxNative::px_view_schema_json));
  }

  /** Expression column to type. */
  public Map<String, ColumnType> expressionSchema() {
    return types(json(ParallaxNative::px_view_expression_schema_json));
  }

  /** Output column names in order, split paths like {@code x|i} included. */
  public List<String> columnPaths() {
    return columnPaths(ViewWindow.all());
  }

  /** Output column names of the window's {@code start_col}/{@code end_col}. */
  @SuppressWarnings("unchecked")
  public List<String> columnPaths(ViewWindow window) {
    byte[] win = NativeBridge.cstr(window.toEngineJson());
    String json = withHandle(h -> NativeBridge.takeString(out -> ParallaxNative.px_view_column_paths_json(h, win, out)));
    List<Object> paths = Json.parseArray(json);
    return Collections.unmodifiableList((List<String>) (List<?>) paths);
  }

  /** The config with the engine's defaults filled in. */
  public ViewConfig getConfig() {
    return ViewConfig.fromJson(json(ParallaxNative::px_view_config_json));
  }

  /**
   * {@code [min, max]} of a column over the view's rows, the total row excepted. Dates and
   * datetimes come back as strings, numbers as numbers.
   */
  public List<Object> getMinMax(String column) {
    byte[] col = NativeBridge.cstr(column);
    String json = withHandle(h -> NativeBridge.takeString(out -> ParallaxNative.px_view_min_max_json(h, col, out)));
    return Json.parseArray(json);
  }

  /** Shows the direct children of the grouped row {@code row}; returns how many rows changed. */
  public long expand(long row) {
    return withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_view_expand(h, row, out));
      return out[0];
    });
  }

  /** Hides the children of the grouped row {@code row}; returns how many rows changed. */
  public long collapse(long row) {
    return withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_view_collapse(h, row, out));
      return out[0];
    });
  }

  /** Shows group levels up to {@code depth} (0 = the first level). */
  public void setDepth(int depth) {
    run(h -> ParallaxNative.px_view_set_depth(h, depth));
  }

  /**
   * Deletes the view, as Perspective's {@code delete()}: it stops following the table and is
   * freed. Raises {@link ParallaxStateException} when the view is already closed.
   */
  public void delete() {
    ensureOpen();
    close();
  }

  @Override
  void disposeInternal(long handle) {
    try {
      ParallaxNative.px_view_delete(handle);
    } finally {
      ParallaxNative.px_view_free(handle);
      table.forget(this);
    }
  }

  @Override
  String kind() {
    return "View";
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
    return withHandle(h -> NativeBridge.takeString(out -> call.apply(h, out)));
  }

  private static Map<String, ColumnType> types(String json) {
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
