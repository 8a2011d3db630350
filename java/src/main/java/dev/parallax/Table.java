package dev.parallax;

import dev.parallax.jni.ParallaxNative;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table hosted by a {@link Server}: a typed, optionally indexed set of rows that views read.
 * Mirrors Perspective's {@code Table} ({@code update}, {@code remove}, {@code clear},
 * {@code replace}, {@code size}, {@code schema}, {@code view}, {@code delete}, ...).
 *
 * <p><b>Ownership.</b> The table owns its native handle and tracks the views made from it;
 * {@link #close()} closes those views (newest first), frees the table and stops hosting it.
 * {@link #delete()} is Perspective's delete: it is refused while views are alive, and the table
 * stays usable. A closed or deleted table raises {@link ParallaxStateException} on every call.
 *
 * <p><b>Thread-safety.</b> Safe to use from many threads at once: the engine serialises writers
 * and lets readers proceed; closing waits for calls in flight.
 */
public final class Table extends NativeHandle {
  private final Server server;
  private final Client owner;
  private final String name;
  private final Set<View> views = ConcurrentHashMap.newKeySet();
  private volatile Info info;

  Table(long handle, Server server, String name, Client owner) {
    super(handle);
    this.server = server;
    this.name = name;
    this.owner = owner;
  }

  /** Creates the native table from {@code data}. */
  static long createHandle(Object data, TableOptions options) {
    TableData input = TableData.of(data, options.getFormat().orElse(null), true);
    return input.create(options.toEngineJson());
  }

  /** Upserts rows (or appends them, on an unindexed table). See {@link #update(Object, UpdateOptions)}. */
  public void update(Object data) {
    update(data, UpdateOptions.defaults());
  }

  /**
   * Updates the table with {@code data}: rows are appended, or upserted by key on an indexed
   * table (columns left out keep their values; an explicit null clears a cell). Accepts the
   * same inputs as {@link Client#table(Object)} except a schema. The whole batch fails on an
   * error, and the table is then unchanged.
   */
  public void update(Object data, UpdateOptions options) {
    withHandle(h -> {
      TableData.of(data, options.getFormat().orElse(null), false).update(h, options.getPortId());
      return null;
    });
  }

  /** Removes the rows with these keys (indexed tables only; unknown keys are ignored). */
  public void remove(List<?> keys) {
    remove(keys, UpdateOptions.defaults());
  }

  /** Removes the rows with these keys, tagged with {@code options}' port. */
  public void remove(List<?> keys, UpdateOptions options) {
    if (keys == null) {
      throw new InvalidInputException("keys must not be null");
    }
    byte[] json = NativeBridge.cstr(Json.write(keys));
    run(h -> ParallaxNative.px_table_remove(h, json, options.getPortId()));
  }

  /** Deletes every row; the schema stays. */
  public void clear() {
    run(ParallaxNative::px_table_clear);
  }

  /** Clears the table, then loads {@code data}. On bad data the error is raised and the table is left empty. */
  public void replace(Object data) {
    replace(data, UpdateOptions.defaults());
  }

  public void replace(Object data, UpdateOptions options) {
    withHandle(h -> {
      TableData.of(data, options.getFormat().orElse(null), false).replace(h, options.getPortId());
      return null;
    });
  }

  /** The number of rows. */
  public long size() {
    return withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_table_size(h, out));
      return out[0];
    });
  }

  /** Column name to type, in table order. */
  public Map<String, ColumnType> schema() {
    return info().schema;
  }

  /** Column names in table order. */
  public List<String> columns() {
    return info().columns;
  }

  /** The index (primary-key) column, if the table has one. */
  public Optional<String> getIndex() {
    return Optional.ofNullable(info().index);
  }

  /** The row limit, if the table has one. */
  public OptionalLong getLimit() {
    Long limit = info().limit;
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  /** The name under which the server hosts this table. */
  public String getName() {
    return name;
  }

  /** A new input port id (1, 2, ...) to tag updates with; port 0 is the default. */
  public int makePort() {
    return withHandle(h -> {
      int[] out = new int[1];
      NativeBridge.check(ParallaxNative.px_table_make_port(h, out));
      return out[0];
    });
  }

  /** A view of every column, with no pivots, filters or sorts. */
  public View view() {
    return view(ViewConfig.empty());
  }

  /** A view with a config in Perspective's keys ({@code group_by}, {@code columns}, ...). */
  public View view(Map<String, ?> config) {
    return view(ViewConfig.fromMap(config));
  }

  /** A view with a config given as JSON text in Perspective's keys. */
  public View view(String configJson) {
    return view(ViewConfig.fromJson(configJson));
  }

  /**
   * A new view of this table. The caller owns it and should close it; closing the table closes
   * it too.
   *
   * @throws InvalidInputException when the engine rejects the config
   */
  public View view(ViewConfig config) {
    byte[] json = NativeBridge.cstr(config.toJson());
    return withHandle(h -> {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_table_view(h, json, out));
      View v = new View(out[0], this);
      views.add(v);
      return v;
    });
  }

  /** The number of live views of this table. */
  public int viewCount() {
    return withHandle(h -> {
      int[] out = new int[1];
      NativeBridge.check(ParallaxNative.px_table_view_count(h, out));
      return out[0];
    });
  }

  /**
   * Deletes the table, as Perspective's {@code delete()}: refused with
   * {@link ParallaxStateException} while views are alive (the table then stays usable);
   * otherwise the table is freed and no longer hosted.
   */
  public void delete() {
    run(ParallaxNative::px_table_delete);
    close();
  }

  @Override
  void closeChildren() {
    List<View> open = new ArrayList<>(views);
    Collections.reverse(open);
    for (View v : open) {
      v.close();
    }
    server.unhost(this);
    if (owner != null) {
      owner.forget(this);
    }
  }

  @Override
  void disposeInternal(long handle) {
    ParallaxNative.px_table_free(handle);
  }

  @Override
  String kind() {
    return "Table";
  }

  void forget(View view) {
    views.remove(view);
  }

  @Override
  public String toString() {
    return "Table[" + name + (isOpen() ? "]" : ", closed]");
  }

  /** Schema, columns and options; fixed at creation, so read once. */
  private Info info() {
    Info i = info;
    if (i == null) {
      String json = withHandle(h -> NativeBridge.takeString(out -> ParallaxNative.px_table_info_json(h, out)));
      i = new Info(Json.parseObject(json));
      info = i;
    } else {
      ensureOpen();
    }
    return i;
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
