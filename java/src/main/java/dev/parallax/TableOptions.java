package dev.parallax;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Options of a new table, with Perspective's keys: {@code index} (primary-key column),
 * {@code limit} (keep only the newest n rows), {@code name} (the id under which the server hosts
 * the table; random when absent) and {@code format} (how a {@code String} or {@code byte[]} input
 * is read). Build one with {@link #builder()} or {@link #fromMap(Map)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TableOptions {
  private static final TableOptions NONE = new Builder().build();

  private final String index;
  private final Long limit;
  private final String name;
  private final DataFormat format;

  private TableOptions(Builder b) {
    this.index = b.index;
    this.limit = b.limit;
    this.name = b.name;
    this.format = b.format;
  }

  /** No options: unindexed, unlimited, random name, default format. */
  public static TableOptions none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options from a map with Perspective's keys ({@code index}, {@code limit}, {@code name},
   * {@code format}), as copied from Python or JS code. A null map or null values mean "not set".
   *
   * @throws InvalidInputException on an unknown key or a value of the wrong type
   */
  public static TableOptions fromMap(Map<String, ?> options) {
    Builder b = new Builder();
    if (options == null) {
      return b.build();
    }
    for (Map.Entry<String, ?> e : options.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        continue;
      }
      switch (e.getKey()) {
        case "index":
          b.index(expect(v, String.class, "index"));
          break;
        case "limit":
          b.limit(expect(v, Number.class, "limit").longValue());
          break;
        case "name":
          b.name(expect(v, String.class, "name"));
          break;
        case "format":
          b.format(v instanceof DataFormat ? (DataFormat) v : DataFormat.fromName(expect(v, String.class, "format")));
          break;
        default:
          throw new InvalidInputException(
              "unknown field `" + e.getKey() + "`, expected one of `index`, `limit`, `name`, `format`");
      }
    }
    return b.build();
  }

  private static <T> T expect(Object v, Class<T> type, String key) {
    if (!type.isInstance(v)) {
      throw new InvalidInputException("invalid type: `" + key + "` must be a " + type.getSimpleName().toLowerCase());
    }
    return type.cast(v);
  }

  public Optional<String> getIndex() {
    return Optional.ofNullable(index);
  }

  public OptionalLong getLimit() {
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  public Optional<String> getName() {
    return Optional.ofNullable(name);
  }

  public Optional<DataFormat> getFormat() {
    return Optional.ofNullable(format);
  }

  /** A copy with {@code name} set. */
  public TableOptions withName(String name) {
    return toBuilder().name(name).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.index = index;
    b.limit = limit;
    b.name = name;
    b.format = format;
    return b;
  }

  /** The options as a map with Perspective's keys (unset options left out). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (index != null) {
      m.put("index", index);
    }
    if (limit != null) {
      m.put("limit", limit);
    }
    if (name != null) {
      m.put("name", name);
    }
    if (format != null) {
      m.put("format", format.formatName());
    }
    return m;
  }

  /** The JSON the C API takes ({@code index}, {@code limit}, {@code name}). */
  String toEngineJson() {
    Map<String, Object> m = toMap();
    m.remove("format");
    return Json.write(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableOptions && toMap().equals(((TableOptions) o).toMap());
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, limit, name, format);
  }

  @Override
  public String toString() {
    return "TableOptions" + toMap();
  }

  /** Builder of {@link TableOptions}; not thread-safe. */
  public static final class Builder {
    private String index;
    private Long limit;
    private String name;
    private DataFormat format;

    private Builder() {}

    public Builder index(String column) {
      this.index = column;
      return this;
    }

    public Builder limit(long rows) {
      this.limit = rows;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder format(DataFormat format) {
      this.format = format;
      return this;
    }

    public TableOptions build() {
      return new TableOptions(this);
    }
  }
}
