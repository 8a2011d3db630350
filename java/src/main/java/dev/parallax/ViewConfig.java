package dev.parallax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A view's configuration in Perspective's own JSON shape, so a config copied from Python or JS
 * works unchanged: {@code group_by}, {@code split_by}, {@code columns}, {@code filter},
 * {@code filter_op}, {@code sort}, {@code expressions}, {@code aggregates},
 * {@code group_by_depth}.
 *
 * <p>Build one with the typed {@link #builder()}, or take a map or JSON text with
 * {@link #fromMap(Map)} / {@link #fromJson(String)}. The config is kept as given and the engine
 * validates it when the view is created, so an unknown key or a bad value fails in
 * {@link Table#view(ViewConfig)} with the engine's message, as in Perspective.
 *
 * <p>Immutable and thread-safe.
 */
public final class ViewConfig {
  private static final ViewConfig EMPTY = new ViewConfig(Collections.emptyMap());

  private final Map<String, Object> entries;

  private ViewConfig(Map<String, Object> entries) {
    this.entries = entries;
  }

  /** The default config: every column, no pivots, filters or sorts. */
  public static ViewConfig empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A config from a map with Perspective's keys. Values are copied deeply and normalised to JSON
   * shapes (arrays become lists; {@code LocalDate} and {@code Instant} filter terms become
   * strings). A null map is the empty config.
   */
  public static ViewConfig fromMap(Map<String, ?> config) {
    if (config == null || config.isEmpty()) {
      return EMPTY;
    }
    Object copy = Json.normalize(config);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) copy;
    return new ViewConfig(freeze(m));
  }

  /**
   * A config from JSON text with Perspective's keys.
   *
   * @throws ParseException when the text is not JSON
   * @throws InvalidInputException when it is not a JSON object
   */
  public static ViewConfig fromJson(String json) {
    Object parsed = Json.parse(json);
    if (parsed == null) {
      return EMPTY;
    }
    if (!(parsed instanceof Map)) {
      throw new InvalidInputException("a view config must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) parsed;
    return new ViewConfig(freeze(m));
  }

  /** {@code group_by}: the row pivot columns (empty when not set). */
  public List<String> getGroupBy() {
    return stringList("group_by");
  }

  /** {@code split_by}: the column pivot columns (empty when not set). */
  public List<String> getSplitBy() {
    return stringList("split_by");
  }

  /** {@code columns} as given, or null when not set (all columns). */
  public List<String> getColumns() {
    return entries.containsKey("columns") ? stringList("columns") : null;
  }

  /** {@code filter}: {@code [column, op, term?]} entries (empty when not set). */
  @SuppressWarnings("unchecked")
  public List<List<Object>> getFilter() {
    Object v = entries.get("filter");
    return v instanceof List ? (List<List<Object>>) v : List.of();
  }

  /** {@code filter_op}: {@code "and"} (the default) or {@code "or"}. */
  public String getFilterOp() {
    Object v = entries.get("filter_op");
    return v == null ? "and" : v.toString();
  }

  /** {@code sort}: {@code [column, direction]} entries (empty when not set). */
  @SuppressWarnings("unchecked")
  public List<List<String>> getSort() {
    Object v = entries.get("sort");
    return v instanceof List ? (List<List<String>>) v : List.of();
  }

  /** {@code expressions}: name to expression text, in order (empty when not set). */
  @SuppressWarnings("unchecked")
  public Map<String, String> getExpressions() {
    Object v = entries.get("expressions");
    return v instanceof Map ? (Map<String, String>) v : Map.of();
  }

  /**
   * {@code aggregates}: column to an aggregate name, or to {@code [name, [columns]]} for the
   * two-column aggregates (empty when not set).
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> getAggregates() {
    Object v = entries.get("aggregates");
    return v instanceof Map ? (Map<String, Object>) v : Map.of();
  }

  /** {@code group_by_depth}, when set. */
  public OptionalInt getGroupByDepth() {
    Object v = entries.get("group_by_depth");
    return v instanceof Number ? OptionalInt.of(((Number) v).intValue()) : OptionalInt.empty();
  }

  /** The config as an unmodifiable map with Perspective's keys. */
  public Map<String, Object> toMap() {
    return entries;
  }

  /** The config as JSON text with Perspective's keys (what the C API takes). */
  public String toJson() {
    return Json.write(entries);
  }

  @SuppressWarnings("unchecked")
  private List<String> stringList(String key) {
    Object v = entries.get(key);
    return v instanceof List ? (List<String>) v : List.of();
  }

  @SuppressWarnings("unchecked")
  private static <T> T freeze(T value) {
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) value).forEach((k, v) -> out.put(k, freeze(v)));
      return (T) Collections.unmodifiableMap(out);
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object v : (List<Object>) value) {
        out.add(freeze(v));
      }
      return (T) Collections.unmodifiableList(out);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ViewConfig && entries.equals(((ViewConfig) o).entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "ViewConfig" + toJson();
  }

  /** Typed builder of {@link ViewConfig}; not thread-safe. List entries append. */
  public static final class Builder {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    private Builder() {}

    public Builder groupBy(String... columns) {
      return groupBy(Arrays.asList(columns));
    }

    public Builder groupBy(List<String> columns) {
      entries.put("group_by", new ArrayList<>(columns));
      return this;
    }

    public Builder splitBy(String... columns) {
      return splitBy(Arrays.asList(columns));
    }

    public Builder splitBy(List<String> columns) {
      entries.put("split_by", new ArrayList<>(columns));
      return this;
    }

    /** The output columns, in order ({@code []} for none). */
    public Builder columns(String... columns) {
      return columns(Arrays.asList(columns));
    }

    public Builder columns(List<String> columns) {
      entries.put("columns", new ArrayList<>(columns));
      return this;
    }

    /** Adds a filter with no term ({@code is null}, {@code is not null}). */
    public Builder filter(String column, String op) {
      list("filter").add(new ArrayList<>(List.of(column, op)));
      return this;
    }

    /** Adds a filter {@code [column, op, term]}; a term may be a scalar, a date or a list. */
    public Builder filter(String column, String op, Object term) {
      List<Object> f = new ArrayList<>(List.of(column, op));
      f.add(term);
      list("filter").add(f);
      return this;
    }

    /** {@code "and"} (default) or {@code "or"}. */
    public Builder filterOp(String op) {
      entries.put("filter_op", op);
      return this;
    }

    /** Adds a sort; direction is {@code asc}, {@code desc}, {@code asc abs}, {@code col asc}, ... */
    public Builder sort(String column, String direction) {
      list("sort").add(new ArrayList<>(List.of(column, direction)));
      return this;
    }

    /** Adds an expression column named {@code name}. */
    @SuppressWarnings("unchecked")
    public Builder expression(String name, String expression) {
      ((Map<String, Object>) entries.computeIfAbsent("expressions", k -> new LinkedHashMap<>())).put(name, expression);
      return this;
    }

    /** Sets the aggregate of {@code column}, e.g. {@code "sum"}. */
    public Builder aggregate(String column, String aggregate) {
      aggregates().put(column, aggregate);
      return this;
    }

    /** Sets a two-column aggregate, e.g. {@code aggregate("x", "weighted mean", "w")}. */
    public Builder aggregate(String column, String aggregate, String... otherColumns) {
      aggregates().put(column, new ArrayList<>(List.of(aggregate, new ArrayList<>(Arrays.asList(otherColumns)))));
      return this;
    }

    public Builder groupByDepth(int depth) {
      entries.put("group_by_depth", depth);
      return this;
    }

    public ViewConfig build() {
      return fromMap(entries);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(String key) {
      return (List<Object>) entries.computeIfAbsent(key, k -> new ArrayList<>());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> aggregates() {
      return (Map<String, Object>) entries.computeIfAbsent("aggregates", k -> new LinkedHashMap<>());
    }
  }
}
