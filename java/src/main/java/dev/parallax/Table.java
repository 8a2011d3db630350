package dev.parallax;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A table hosted by a {@link Server}: a typed, optionally indexed set of rows that views read.
 * Mirrors Perspective's {@code Table} ({@code update}, {@code remove}, {@code clear},
 * {@code replace}, {@code size}, {@code schema}, {@code view}, {@code delete}, {@code on_delete},
 * {@code make_port}, ...).
 *
 * <p>The same type serves tables of a server in this process ({@link Server#newLocalClient()})
 * and tables of a remote server ({@link Client#websocket(String)}); a remote call sends one
 * protocol request and waits for its answer.
 *
 * <p><b>Live updates.</b> Every {@code update}, {@code remove} and {@code replace} (not
 * {@code clear}) notifies the {@link View#onUpdate} listeners of every live view of the table,
 * in view-creation order then registration order, before the call returns (unless the server
 * batches notifications, see {@link Server#Server(Runnable)}).
 *
 * <p><b>Ownership.</b> A local table owns its native handle and tracks the views made from it;
 * {@link #close()} closes those views (newest first), frees the table and stops hosting it.
 * {@link #delete()} is Perspective's delete: refused while views are alive. A closed or deleted
 * table raises {@link ParallaxStateException} on every call. Closing a remote table only drops
 * this handle: the table stays on its server.
 *
 * <p><b>Thread-safety.</b> Safe to use from many threads at once: the engine serialises writers
 * and lets readers proceed; closing waits for calls in flight.
 */
public abstract class Table implements AutoCloseable {
  Table() {}

  /** Upserts rows (or appends them, on an unindexed table). See {@link #update(Object, UpdateOptions)}. */
  public final void update(Object data) {
    update(data, UpdateOptions.defaults());
  }

  /** Updates with options in Perspective's keys ({@code port_id}, {@code format}). */
  public final void update(Object data, Map<String, ?> options) {
    update(data, UpdateOptions.fromMap(options));
  }

  /**
   * Updates the table with {@code data}: rows are appended, or upserted by key on an indexed
   * table (columns left out keep their values; an explicit null clears a cell). Accepts the
   * same inputs as {@link Client#table(Object)} except a schema. The whole batch fails on an
   * error, and the table is then unchanged.
   */
  public abstract void update(Object data, UpdateOptions options);

  /** Removes the rows with these keys (indexed tables only; unknown keys are ignored). */
  public final void remove(List<?> keys) {
    remove(keys, UpdateOptions.defaults());
  }

  /** Removes the rows with these keys, tagged with {@code options}' port. */
  public abstract void remove(List<?> keys, UpdateOptions options);

  /** Deletes every row; the schema stays. Notifies no listener (as Perspective). */
  public abstract void clear();

  /** Clears the table, then loads {@code data}. On bad data the error is raised and the table is left empty. */
  public final void replace(Object data) {
    replace(data, UpdateOptions.defaults());
  }

  public abstract void replace(Object data, UpdateOptions options);

  /** The number of rows. */
  public abstract long size();

  /** Column name to type, in table order. */
  public abstract Map<String, ColumnType> schema();

  /** Column names in table order. */
  public List<String> columns() {
    return List.copyOf(schema().keySet());
  }

  /** The index (primary-key) column, if the table has one. */
  public abstract Optional<String> getIndex();

  /** The row limit, if the table has one. */
  public abstract OptionalLong getLimit();

  /** The name under which the server hosts this table. */
  public abstract String getName();

  /** A new input port id (1, 2, ...) to tag updates with; port 0 is the default. */
  public abstract int makePort();

  /**
   * Checks expressions (name to text, as a view config's {@code expressions}) against this
   * table's columns without making a view: each one that compiles with its result type, each
   * one that does not with the reason. Never throws for a bad expression.
   */
  public abstract ExpressionValidation validateExpressions(Map<String, String> expressions);

  /** A view of every column, with no pivots, filters or sorts. */
  public final View view() {
    return view(ViewConfig.empty());
  }

  /** A view with a config in Perspective's keys ({@code group_by}, {@code columns}, ...). */
  public final View view(Map<String, ?> config) {
    return view(ViewConfig.fromMap(config));
  }

  /** A view with a config given as JSON text in Perspective's keys. */
  public final View view(String configJson) {
    return view(ViewConfig.fromJson(configJson));
  }

  /**
   * A new view of this table. The caller owns it and should close it; closing a local table
   * closes it too.
   *
   * @throws InvalidInputException when the engine rejects the config
   */
  public abstract View view(ViewConfig config);

  /**
   * The number of live views of this table (local tables; a remote table counts the views this
   * client made of it).
   */
  public abstract int viewCount();

  /**
   * Deletes the table, as Perspective's {@code delete()}: refused with
   * {@link ParallaxStateException} while views are alive (the table then stays usable);
   * otherwise the table is freed, no longer hosted, and its {@link #onDelete} callbacks run.
   */
  public final void delete() {
    delete(false);
  }

  /**
   * Deletes the table; with {@code lazy}, a table that still has views is only marked, and is
   * deleted when its last view goes (Perspective's {@code delete({lazy: true})}).
   */
  public abstract void delete(boolean lazy);

  /**
   * Registers {@code callback} to run once when the table is deleted (by {@link #delete}, or
   * when a local table is closed). Returns an id for {@link #removeDelete(long)}.
   */
  public abstract long onDelete(Runnable callback);

  /** Unregisters an {@link #onDelete} callback; returns whether it was registered. */
  public abstract boolean removeDelete(long id);

  /** Whether the table is still usable from this handle. */
  public abstract boolean isOpen();

  @Override
  public abstract void close();
}
