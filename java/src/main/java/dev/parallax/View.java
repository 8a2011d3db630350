package dev.parallax;

import java.util.ArrayList;
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
 * <p><b>Live updates.</b> {@link #onUpdate(UpdateListener, UpdateMode)} registers a callback for
 * every processed change of the table (see {@link UpdateListener} for threading), and
 * {@link #onDelete(Runnable)} one for the view's deletion. A deleted view never calls back again.
 *
 * <p><b>Ownership.</b> The caller owns the view and closes it ({@link #close()} and
 * {@link #delete()} both free it; {@code delete} runs the {@link #onDelete} callbacks, so does
 * {@code close}); closing its local table closes it too. Arrow results are owned by the caller.
 * A closed view raises {@link ParallaxStateException}.
 *
 * <p><b>Thread-safety.</b> Safe to use from many threads at once; each read sees the table as of
 * one moment.
 */
public abstract class View implements AutoCloseable {
  View() {}

  /** The table this view reads. */
  public abstract Table getTable();

  // ---- Arrow ----

  /** The whole view as Arrow IPC stream bytes (strings dictionary-encoded). */
  public final byte[] toArrow() {
    return toArrow(ViewWindow.all());
  }

  /** The window as Arrow IPC stream bytes (strings dictionary-encoded). */
  public abstract byte[] toArrow(ViewWindow window);

  /** The whole view as a root with plain (decoded) string columns; see {@link #toVectorSchemaRoot(BufferAllocator, ViewWindow)}. */
  public final VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator) {
    return toVectorSchemaRoot(allocator, ViewWindow.all());
  }

  /**
   * The window as a new root allocated from {@code allocator}. For a local view the numeric,
   * boolean and date columns are the engine's buffers (zero-copy, released when the root is
   * closed); string columns are decoded from their dictionaries into plain
   * {@code VarCharVector}s. The caller closes the root.
   */
  public abstract VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator, ViewWindow window);

  /**
   * The window as a new root allocated from {@code allocator}, string columns left
   * dictionary-encoded with their dictionaries in {@code dictionaries} (entirely zero-copy for a
   * local view). The caller closes both the root and the provider.
   */
  public abstract VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator, ViewWindow window, CDataDictionaryProvider dictionaries);

  // ---- Java values ----

  /** The whole view as column name to values, in output order. */
  public final Map<String, List<Object>> toColumns() {
    return toColumns(ViewWindow.all());
  }

  public final Map<String, List<Object>> toColumns(ViewWindow window) {
    return columnsOf(toColumnsString(window));
  }

  /** {@code to_columns} values from the text {@link #toColumnsString(ViewWindow)} gives. */
  @SuppressWarnings("unchecked")
  static Map<String, List<Object>> columnsOf(String json) {
    Map<String, Object> parsed = Json.parseObject(json);
    Map<String, List<Object>> out = new LinkedHashMap<>();
    parsed.forEach((k, v) -> out.put(k, (List<Object>) v));
    return out;
  }

  /** The whole view as one map per row (Perspective's {@code to_json} / {@code to_records}). */
  public final List<Map<String, Object>> toJson() {
    return toJson(ViewWindow.all());
  }

  public final List<Map<String, Object>> toJson(ViewWindow window) {
    return rowsOf(toJsonString(window));
  }

  /** {@code to_json} records from the text {@link #toJsonString(ViewWindow)} gives. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rowsOf(String json) {
    List<Object> rows = Json.parseArray(json);
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Object r : rows) {
      out.add((Map<String, Object>) r);
    }
    return out;
  }

  /** Same as {@link #toJson()}. */
  public final List<Map<String, Object>> toRecords() {
    return toJson();
  }

  public final List<Map<String, Object>> toRecords(ViewWindow window) {
    return toJson(window);
  }

  // ---- text ----

  /** The engine's JSON text of {@link #toColumns()}. */
  public final String toColumnsString() {
    return toColumnsString(ViewWindow.all());
  }

  public abstract String toColumnsString(ViewWindow window);

  /** The engine's JSON text of {@link #toJson()}. */
  public final String toJsonString() {
    return toJsonString(ViewWindow.all());
  }

  public abstract String toJsonString(ViewWindow window);

  /** One JSON record per line, no trailing newline. */
  public final String toNdjson() {
    return toNdjson(ViewWindow.all());
  }

  public abstract String toNdjson(ViewWindow window);

  /** CSV with a quoted header line and a newline after every row. */
  public final String toCsv() {
    return toCsv(ViewWindow.all());
  }

  public abstract String toCsv(ViewWindow window);

  // ---- metadata ----

  /** Table and view row and column counts. */
  public abstract ViewDimensions dimensions();

  /** Visible rows, the total row included. */
  public long numRows() {
    return dimensions().numViewRows();
  }

  /** Data columns (split paths in split views). */
  public final long numColumns() {
    return dimensions().numViewColumns();
  }

  /** Output column to type, after aggregation (expression columns included). */
  public abstract Map<String, ColumnType> schema();

  /** Expression column to type. */
  public abstract Map<String, ColumnType> expressionSchema();

  /** Output column names in order, split paths like {@code x|i} included. */
  public final List<String> columnPaths() {
    return columnPaths(ViewWindow.all());
  }

  /** Output column names of the window's {@code start_col}/{@code end_col}. */
  public abstract List<String> columnPaths(ViewWindow window);

  /** The config with the engine's defaults filled in. */
  public abstract ViewConfig getConfig();

  /**
   * {@code [min, max]} of a column over the view's rows, the total row excepted. Dates and
   * datetimes come back as strings, numbers as numbers.
   */
  public abstract List<Object> getMinMax(String column);

  /** Shows the direct children of the grouped row {@code row}; returns how many rows changed. */
  public abstract long expand(long row);

  /** Hides the children of the grouped row {@code row}; returns how many rows changed. */
  public abstract long collapse(long row);

  /** Shows group levels up to {@code depth} (0 = the first level). */
  public abstract void setDepth(int depth);

  // ---- live updates ----

  /** Registers a port-only update listener; returns its id. */
  public final long onUpdate(UpdateListener listener) {
    return onUpdate(listener, UpdateMode.NONE);
  }

  /**
   * Registers {@code listener} for every processed change of the table; with
   * {@link UpdateMode#ROW} it receives the changed rows as Arrow IPC bytes. Returns an id for
   * {@link #removeUpdate(long)}.
   */
  public abstract long onUpdate(UpdateListener listener, UpdateMode mode);

  /**
   * Registers a row-mode listener that receives each delta as an Arrow root (zero-copy for a
   * local view), borrowed for the duration of the call. Returns an id for
   * {@link #removeUpdate(long)}.
   */
  public abstract long onUpdateArrow(ArrowUpdateListener listener);

  /** Unregisters an update listener; returns whether it was registered. */
  public abstract boolean removeUpdate(long id);

  /** Registers {@code callback} to run once when the view is deleted; returns its id. */
  public abstract long onDelete(Runnable callback);

  /** Unregisters an {@link #onDelete} callback; returns whether it was registered. */
  public abstract boolean removeDelete(long id);

  /**
   * Deletes the view, as Perspective's {@code delete()}: it stops following the table, its
   * {@link #onDelete} callbacks run, and it is freed. Raises {@link ParallaxStateException} when
   * the view is already closed.
   */
  public abstract void delete();

  /** Whether the view is still usable. */
  public abstract boolean isOpen();

  /** Deletes the view if it is still open. Idempotent. */
  @Override
  public abstract void close();
}
