package dev.parallax;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a view to serialise, with Perspective's keys: {@code start_row} (inclusive),
 * {@code end_row} (exclusive), {@code start_col}, {@code end_col} (data columns only), and the
 * flags {@code id} (add {@code __ID__}), {@code index} (add {@code __INDEX__}), {@code formatted}
 * (dates as strings) and {@code leaves_only} (grouped views: leaf rows only), and
 * {@code compression} ({@code to_arrow} only: {@code "lz4"} writes LZ4_FRAME-compressed IPC
 * bodies, as Perspective; other names are ignored, as Perspective ignores them). Unset fields mean
 * "the whole view" / false. Fractional bounds are passed to the engine as given (starts floored,
 * ends ceiled, as Perspective).
 *
 * <p>Immutable and thread-safe.
 */
public final class ViewWindow {
  private static final List<String> KEYS = List.of(
      "start_row", "end_row", "start_col", "end_col", "id", "index", "formatted", "leaves_only", "compression");
  private static final ViewWindow ALL = new ViewWindow(Collections.emptyMap());

  private final Map<String, Object> fields;

  private ViewWindow(Map<String, Object> fields) {
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The whole view. */
  public static ViewWindow all() {
    return ALL;
  }

  /** Rows {@code [startRow, endRow)}, every column. */
  public static ViewWindow rows(long startRow, long endRow) {
    return builder().startRow(startRow).endRow(endRow).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A window from a map with Perspective's keys. Null values mean "not set".
   *
   * @throws InvalidInputException on an unknown key or a value of the wrong type
   */
  public static ViewWindow fromMap(Map<String, ?> window) {
    Builder b = new Builder();
    if (window == null) {
      return b.build();
    }
    for (Map.Entry<String, ?> e : window.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      if (!KEYS.contains(key)) {
        throw new InvalidInputException("unknown field `" + key + "`, expected one of `" + String.join("`, `", KEYS) + "`");
      }
      if (v == null) {
        continue;
      }
      if (key.equals("compression")) {
        if (!(v instanceof String)) {
          throw new InvalidInputException("invalid type: `compression` must be a string");
        }
        b.fields.put(key, v);
        continue;
      }
      boolean numeric = KEYS.indexOf(key) < 4;
      if (numeric ? !(v instanceof Number) : !(v instanceof Boolean)) {
        throw new InvalidInputException("invalid type: `" + key + "` must be a " + (numeric ? "number" : "boolean"));
      }
      b.fields.put(key, v);
    }
    return b.build();
  }

  public Number getStartRow() {
    return (Number) fields.get("start_row");
  }

  public Number getEndRow() {
    return (Number) fields.get("end_row");
  }

  public Number getStartCol() {
    return (Number) fields.get("start_col");
  }

  public Number getEndCol() {
    return (Number) fields.get("end_col");
  }

  public boolean isId() {
    return Boolean.TRUE.equals(fields.get("id"));
  }

  public boolean isIndex() {
    return Boolean.TRUE.equals(fields.get("index"));
  }

  public boolean isFormatted() {
    return Boolean.TRUE.equals(fields.get("formatted"));
  }

  public boolean isLeavesOnly() {
    return Boolean.TRUE.equals(fields.get("leaves_only"));
  }

  /** The {@code to_arrow} compression asked for, or null. */
  public String getCompression() {
    return (String) fields.get("compression");
  }

  /** This window with {@code compression} set (null: unset). */
  public ViewWindow withCompression(String compression) {
    Map<String, Object> f = new LinkedHashMap<>(fields);
    if (compression == null) {
      f.remove("compression");
    } else {
      f.put("compression", compression);
    }
    return new ViewWindow(f);
  }

  /** Whether {@code to_arrow} should write LZ4_FRAME-compressed bodies. */
  boolean isLz4() {
    return "lz4".equals(getCompression());
  }

  /** The set fields, with Perspective's keys. */
  public Map<String, Object> toMap() {
    return fields;
  }

  /** The JSON the C API takes (compression is Java's business), or null for the whole view. */
  String toEngineJson() {
    if (fields.containsKey("compression")) {
      Map<String, Object> engine = new LinkedHashMap<>(fields);
      engine.remove("compression");
      return engine.isEmpty() ? null : Json.write(engine);
    }
    return fields.isEmpty() ? null : Json.write(fields);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewWindow && fields.equals(((ViewWindow) o).fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "ViewWindow" + fields;
  }

  /** Builder of {@link ViewWindow}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder() {}

    public Builder startRow(long row) {
      fields.put("start_row", row);
      return this;
    }

    public Builder endRow(long row) {
      fields.put("end_row", row);
      return this;
    }

    public Builder startCol(long col) {
      fields.put("start_col", col);
      return this;
    }

    public Builder endCol(long col) {
      fields.put("end_col", col);
      return this;
    }

    public Builder id(boolean id) {
      fields.put("id", id);
      return this;
    }

    public Builder index(boolean index) {
      fields.put("index", index);
      return this;
    }

    public Builder formatted(boolean formatted) {
      fields.put("formatted", formatted);
      return this;
    }

    public Builder leavesOnly(boolean leavesOnly) {
      fields.put("leaves_only", leavesOnly);
      return this;
    }

    /** {@code to_arrow} only: {@code "lz4"} compresses; null unsets; other names are ignored. */
    public Builder compression(String compression) {
      if (compression == null) {
        fields.remove("compression");
      } else {
        fields.put("compression", compression);
      }
      return this;
    }

    public ViewWindow build() {
      return new ViewWindow(fields);
    }
  }
}
