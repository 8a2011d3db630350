package dev.parallax;

import dev.parallax.jni.ParallaxNative;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One input of {@code table()}, {@code update()} or {@code replace()}, resolved from the Java
 * object the caller gave, and the C calls that load it.
 *
 * <ul>
 *   <li>{@code String}: CSV, or the {@code format} option's JSON flavour;
 *   <li>{@code byte[]}: Arrow IPC (stream or file, detected by the {@code ARROW1} magic), or text
 *       in the {@code format} option;
 *   <li>{@link Path}: a file in the {@code format} option, else by its name: {@code .arrow},
 *       {@code .arrows}, {@code .feather}, {@code .ipc} Arrow IPC; {@code .json} JSON rows;
 *       {@code .ndjson}, {@code .jsonl} NDJSON; anything else CSV. Read straight into native
 *       memory (text) or native Arrow buffers (IPC), never into a Java array;
 *   <li>{@code List<Map<String, ?>>}: rows, sent as JSON rows;
 *   <li>{@code Map<String, List<?>>}: columns, sent as JSON columns;
 *   <li>{@code Map<String, String|ColumnType>}: a schema (creation only; the table starts empty);
 *   <li>{@link VectorSchemaRoot}: one Arrow batch through the C Data Interface (not consumed);
 *   <li>{@link ArrowReader}: every batch, as a C stream (consumed and closed);
 *   <li>{@link ResultSet}: every row, through arrow-jdbc (read to the end, not closed).
 * </ul>
 *
 * <p>Ownership: text is held in native memory ({@link NativeMemory.Block}) until {@link #close()};
 * every instance is used by one call and closed after it, loaded or not.
 *
 * <p>Thread-safety: instances are used by one call on one thread.
 */
abstract class TableData implements AutoCloseable {
  private TableData() {}

  /** Resolves {@code data}; {@code format} is the caller's format option, or null. */
  static TableData of(Object data, DataFormat format, boolean creation) {
    if (data == null) {
      throw new InvalidInputException("table data must not be null");
    }
    if (data instanceof String) {
      DataFormat f = format == null ? DataFormat.CSV : format;
      if (f == DataFormat.ARROW) {
        throw new InvalidInputException("format `arrow` takes byte[] data, not a String");
      }
      return new Text(NativeMemory.Block.utf8((String) data), f);
    }
    if (data instanceof byte[]) {
      DataFormat f = format == null ? DataFormat.ARROW : format;
      return f == DataFormat.ARROW ? new Stream(ArrowBridge.openIpc((byte[]) data)) : new Text(NativeMemory.Block.copyOf((byte[]) data), f);
    }
    if (data instanceof Path) {
      Path path = (Path) data;
      DataFormat f = format == null ? formatOf(path) : format;
      return f == DataFormat.ARROW ? new Stream(ArrowBridge.openIpc(path)) : new Text(NativeMemory.Block.read(path), f);
    }
    if (data instanceof List) {
      for (Object row : (List<?>) data) {
        if (!(row instanceof Map)) {
          throw new InvalidInputException("a list of rows must hold Map objects, found " + describe(row));
        }
      }
      return new Text(NativeMemory.Block.copyOf(Json.writeBytes(data)), DataFormat.JSON);
    }
    if (data instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) data;
      if (creation && isSchema(map)) {
        return new SchemaData(Json.write(map));
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object v = e.getValue();
        if (!(v instanceof Collection || v instanceof Object[] || (v != null && v.getClass().isArray()))) {
          throw new InvalidInputException(
              "a Map is either a schema (column -> type name) or columns (column -> list of values); column '"
                  + e.getKey() + "' holds " + describe(v));
        }
      }
      return new Text(NativeMemory.Block.copyOf(Json.writeBytes(map)), DataFormat.COLUMNS);
    }
    if (data instanceof VectorSchemaRoot) {
      return new Batch((VectorSchemaRoot) data);
    }
    if (data instanceof ArrowReader) {
      return new Stream((ArrowReader) data);
    }
    if (data instanceof ResultSet) {
      return new Stream(ArrowBridge.jdbcReader((ResultSet) data));
    }
    throw new InvalidInputException("unsupported table data: " + describe(data));
  }

  /** The format a file's name implies (see the class comment). */
  static DataFormat formatOf(Path path) {
    Path name = path.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".arrow") || n.endsWith(".arrows") || n.endsWith(".feather") || n.endsWith(".ipc")) {
      return DataFormat.ARROW;
    }
    if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) {
      return DataFormat.NDJSON;
    }
    return n.endsWith(".json") ? DataFormat.JSON : DataFormat.CSV;
  }

  /** A map of type names (an empty map too: Perspective makes an empty table of it). */
  private static boolean isSchema(Map<?, ?> map) {
    for (Object v : map.values()) {
      if (!(v instanceof String || v instanceof ColumnType)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getName();
  }

  /** Creates a table; returns the {@code px_table*} handle. */
  abstract long create(String optionsJson);

  /** Upserts into the table {@code table}. */
  abstract void update(long table, int portId);

  /** Clears the table and loads this data (on bad data the table is left empty). */
  abstract void replace(long table, int portId);

  /** Frees what resolving allocated (native text, an unconsumed reader). Idempotent. */
  @Override
  public void close() {}

  /** Text in one of the engine's text formats, in native memory the engine reads in place. */
  private static final class Text extends TableData {
    private final NativeMemory.Block text;
    private final byte[] format;

    Text(NativeMemory.Block text, DataFormat format) {
      this.text = text;
      this.format = NativeBridge.cstr(format.formatName());
    }

    @Override
    long create(String optionsJson) {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_table_from_text(text.address(), text.length(), format, NativeBridge.cstr(optionsJson), out));
      return out[0];
    }

    @Override
    void update(long table, int portId) {
      NativeBridge.check(ParallaxNative.px_table_update_text(table, text.address(), text.length(), format, portId));
    }

    @Override
    void replace(long table, int portId) {
      NativeBridge.check(ParallaxNative.px_table_replace_text(table, text.address(), text.length(), format, portId));
    }

    @Override
    public void close() {
      text.close();
    }
  }

  /** A schema: an empty table with fixed column types. */
  private static final class SchemaData extends TableData {
    private final String json;

    SchemaData(String json) {
      this.json = json;
    }

    @Override
    long create(String optionsJson) {
      long[] out = new long[1];
      NativeBridge.check(ParallaxNative.px_table_from_schema(NativeBridge.cstr(json), NativeBridge.cstr(optionsJson), out));
      return out[0];
    }

    @Override
    void update(long table, int portId) {
      throw new InvalidInputException("a schema can only create a table");
    }

    @Override
    void replace(long table, int portId) {
      throw new InvalidInputException("a schema can only create a table");
    }
  }

  /** One Arrow batch, exported (not consumed) from the caller's root. */
  private static final class Batch extends TableData {
    private final VectorSchemaRoot root;

    Batch(VectorSchemaRoot root) {
      this.root = root;
    }

    @Override
    long create(String optionsJson) {
      long[] out = new long[1];
      byte[] options = NativeBridge.cstr(optionsJson);
      NativeBridge.check(ArrowBridge.withBatch(root, (s, a) -> ParallaxNative.px_table_from_arrow(s, a, options, out)));
      return out[0];
    }

    @Override
    void update(long table, int portId) {
      NativeBridge.check(ArrowBridge.withBatch(root, (s, a) -> ParallaxNative.px_table_update_arrow(table, s, a, portId)));
    }

    @Override
    void replace(long table, int portId) {
      NativeBridge.check(ArrowBridge.withBatch(root, (s, a) -> ParallaxNative.px_table_replace_arrow(table, s, a, portId)));
    }
  }

  /** A stream of Arrow batches; consumed by the one call that loads it. */
  private static final class Stream extends TableData {
    private final ArrowReader reader;

    Stream(ArrowReader reader) {
      this.reader = reader;
    }

    @Override
    long create(String optionsJson) {
      long[] out = new long[1];
      byte[] options = NativeBridge.cstr(optionsJson);
      NativeBridge.check(ArrowBridge.withStream(reader, s -> ParallaxNative.px_table_from_arrow_stream(s, options, out)));
      return out[0];
    }

    @Override
    void update(long table, int portId) {
      NativeBridge.check(ArrowBridge.withStream(reader, s -> ParallaxNative.px_table_update_arrow_stream(table, s, portId)));
    }

    /**
     * The C API has no stream replace: clear, then update. On bad data the table is left empty,
     * as a failed replace leaves it in Perspective.
     */
    @Override
    void replace(long table, int portId) {
      NativeBridge.check(ParallaxNative.px_table_clear(table));
      update(table, portId);
    }

    /** A no-op once the engine consumed the stream (the reader is closed then). */
    @Override
    public void close() {
      ArrowBridge.closeQuietly(reader);
    }
  }
}
