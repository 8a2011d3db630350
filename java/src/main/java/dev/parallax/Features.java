package dev.parallax;

import dev.parallax.proto.GetFeaturesResp;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Parallax server advertises in {@code GetFeaturesResp}: the one place that lists the
 * filter operators and aggregates per column type (Perspective 3.8's lists, in its order: the
 * first entry is the viewer's default), narrowed to what the engine accepts.
 *
 * <p>The engine is probed once per process: each feature is tried on a tiny table holding one
 * column of each type, and whatever the engine rejects is left out (so the advertisement follows
 * the engine as features land). The viewer needs a non-empty aggregate list for every column
 * type, so each type keeps at least its default. {@code expressions} is advertised when a view
 * with an expression column works (the viewer then offers its expression editor, which
 * validates through {@code TableValidateExprReq}).
 *
 * <p>Thread-safe: computed once, then immutable.
 */
final class Features {
  private static final System.Logger LOG = System.getLogger("dev.parallax");

  /** An aggregate and the type of its second (argument) column, if it takes one. */
  record Aggregate(String name, ColumnType argType) {
    Aggregate(String name) {
      this(name, null);
    }
  }

  static final List<String> STRING_FILTERS = List.of(
      "==", "!=", ">", ">=", "<", "<=", "begins with", "contains", "ends with", "in", "not in", "is not null", "is null");
  /** Dates, datetimes, numbers and (a Perspective quirk, kept for the viewer) booleans. */
  static final List<String> OTHER_FILTERS = List.of("==", "!=", ">", ">=", "<", "<=", "is not null", "is null");

  static final List<Aggregate> NUMBER_AGGREGATES = List.of(
      new Aggregate("sum"), new Aggregate("abs sum"), new Aggregate("any"), new Aggregate("avg"),
      new Aggregate("count"), new Aggregate("distinct count"), new Aggregate("dominant"), new Aggregate("first"),
      new Aggregate("high"), new Aggregate("low"), new Aggregate("max"), new Aggregate("min"),
      new Aggregate("high minus low"), new Aggregate("last by index"), new Aggregate("last minus first"),
      new Aggregate("last"), new Aggregate("mean"), new Aggregate("median"), new Aggregate("q1"), new Aggregate("q3"),
      new Aggregate("pct sum parent"), new Aggregate("pct sum total"), new Aggregate("stddev"), new Aggregate("sum abs"),
      new Aggregate("sum not null"), new Aggregate("unique"), new Aggregate("var"),
      new Aggregate("weighted mean", ColumnType.FLOAT));
  static final List<Aggregate> STRING_AGGREGATES = List.of(
      new Aggregate("count"), new Aggregate("any"), new Aggregate("distinct count"), new Aggregate("dominant"),
      new Aggregate("first"), new Aggregate("join"), new Aggregate("last"), new Aggregate("last by index"),
      new Aggregate("median"), new Aggregate("q1"), new Aggregate("q3"), new Aggregate("unique"),
      new Aggregate("min by", ColumnType.FLOAT), new Aggregate("max by", ColumnType.FLOAT));
  static final List<Aggregate> DATE_AGGREGATES = List.of(
      new Aggregate("count"), new Aggregate("any"), new Aggregate("avg"), new Aggregate("distinct count"),
      new Aggregate("dominant"), new Aggregate("first"), new Aggregate("high"), new Aggregate("low"),
      new Aggregate("min"), new Aggregate("max"), new Aggregate("last by index"), new Aggregate("last"),
      new Aggregate("median"), new Aggregate("q1"), new Aggregate("q3"), new Aggregate("unique"));

  /** The probe table's column of each type, and a filter term of that type. */
  private static final Map<ColumnType, String> COLUMN = new EnumMap<>(ColumnType.class);
  private static final Map<ColumnType, Object> TERM = new EnumMap<>(ColumnType.class);

  static {
    COLUMN.put(ColumnType.STRING, "s");
    COLUMN.put(ColumnType.INTEGER, "i");
    COLUMN.put(ColumnType.FLOAT, "f");
    COLUMN.put(ColumnType.BOOLEAN, "b");
    COLUMN.put(ColumnType.DATE, "d");
    COLUMN.put(ColumnType.DATETIME, "t");
    TERM.put(ColumnType.STRING, "a");
    TERM.put(ColumnType.INTEGER, 1);
    TERM.put(ColumnType.FLOAT, 1.5);
    TERM.put(ColumnType.BOOLEAN, true);
    TERM.put(ColumnType.DATE, "2024-01-01");
    TERM.put(ColumnType.DATETIME, "2024-01-01 00:00:00");
  }

  final boolean groupBy;
  final boolean splitBy;
  final boolean sort;
  final boolean expressions;
  final Map<ColumnType, List<String>> filterOps;
  final Map<ColumnType, List<Aggregate>> aggregates;
  private final GetFeaturesResp message;

  private Features(boolean groupBy, boolean splitBy, boolean sort, boolean expressions,
      Map<ColumnType, List<String>> filterOps, Map<ColumnType, List<Aggregate>> aggregates) {
    this.groupBy = groupBy;
    this.expressions = expressions;
    this.splitBy = splitBy;
    this.sort = sort;
    this.filterOps = filterOps;
    this.aggregates = aggregates;
    GetFeaturesResp.Builder b = GetFeaturesResp.newBuilder()
        .setGroupBy(groupBy).setSplitBy(splitBy).setSort(sort).setExpressions(expressions).setOnUpdate(true);
    filterOps.forEach((type, ops) -> {
      if (!ops.isEmpty()) {
        b.putFilterOps(ProtocolCodec.toProto(type).getNumber(),
            GetFeaturesResp.ColumnTypeOptions.newBuilder().addAllOptions(ops).build());
      }
    });
    aggregates.forEach((type, aggs) -> {
      GetFeaturesResp.AggregateOptions.Builder ab = GetFeaturesResp.AggregateOptions.newBuilder();
      for (Aggregate a : aggs) {
        GetFeaturesResp.AggregateArgs.Builder arg = GetFeaturesResp.AggregateArgs.newBuilder().setName(a.name);
        if (a.argType != null) {
          arg.addArgs(ProtocolCodec.toProto(a.argType));
        }
        ab.addAggregates(arg);
      }
      b.putAggregates(ProtocolCodec.toProto(type).getNumber(), ab.build());
    });
    this.message = b.build();
  }

  private static final class Holder {
    static final Features PROBED = probe();
  }

  /** The features of this process's engine (probed on first use). */
  static Features get() {
    return Holder.PROBED;
  }

  GetFeaturesResp message() {
    return message;
  }

  static List<Aggregate> candidates(ColumnType type) {
    switch (type) {
      case INTEGER:
      case FLOAT:
        return NUMBER_AGGREGATES;
      case DATE:
      case DATETIME:
        return DATE_AGGREGATES;
      default:
        return STRING_AGGREGATES;
    }
  }

  private static Features probe() {
    try (Server server = new Server()) {
      Table t = server.newLocalClient().table(Map.of(
          "s", "string", "i", "integer", "f", "float", "b", "boolean", "d", "date", "t", "datetime"));
      t.update(List.of(
          row("a", 1, 1.5, true, "2024-01-01", "2024-01-01 00:00:00"),
          row("b", 2, 2.5, false, "2024-01-02", "2024-01-02 00:00:00")));
      boolean groupBy = works(t, Map.of("group_by", List.of("s")));
      boolean splitBy = works(t, Map.of("split_by", List.of("s")));
      boolean sort = works(t, Map.of("sort", List.of(List.of("i", "desc"))));
      boolean expressions = works(t, Map.of("expressions", Map.of("e", "\"f\""), "columns", List.of("e")));
      Map<ColumnType, List<String>> filterOps = new EnumMap<>(ColumnType.class);
      Map<ColumnType, List<Aggregate>> aggregates = new EnumMap<>(ColumnType.class);
      for (ColumnType type : ColumnType.values()) {
        String col = COLUMN.get(type);
        List<String> ops = new ArrayList<>();
        for (String op : type == ColumnType.STRING ? STRING_FILTERS : OTHER_FILTERS) {
          List<Object> filter = new ArrayList<>(List.of(col, op));
          if (op.equals("in") || op.equals("not in")) {
            filter.add(List.of(TERM.get(type)));
          } else if (!op.startsWith("is ")) {
            filter.add(TERM.get(type));
          }
          if (works(t, Map.of("filter", List.of(filter)))) {
            ops.add(op);
          }
        }
        filterOps.put(type, ops);
        List<Aggregate> aggs = new ArrayList<>();
        for (Aggregate a : candidates(type)) {
          Object spec = a.argType == null ? a.name : List.of(a.name, List.of(COLUMN.get(a.argType)));
          Map<String, Object> config = new LinkedHashMap<>();
          if (groupBy) {
            config.put("group_by", List.of("s"));
          }
          config.put("columns", List.of(col));
          config.put("aggregates", Map.of(col, spec));
          if (works(t, config)) {
            aggs.add(a);
          }
        }
        if (aggs.isEmpty()) {
          aggs.add(candidates(type).get(0));
        }
        aggregates.put(type, aggs);
      }
      Features f = new Features(groupBy, splitBy, sort, expressions, filterOps, aggregates);
      LOG.log(Level.DEBUG, "engine features: group_by=" + groupBy + " split_by=" + splitBy + " sort=" + sort
          + " expressions=" + expressions);
      return f;
    }
  }

  private static Map<String, Object> row(Object s, Object i, Object f, Object b, Object d, Object t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", s);
    m.put("i", i);
    m.put("f", f);
    m.put("b", b);
    m.put("d", d);
    m.put("t", t);
    return m;
  }

  /** Whether a view with {@code config} can be made and read. */
  private static boolean works(Table t, Map<String, Object> config) {
    try (View v = t.view(config)) {
      v.toColumnsString();
      v.dimensions();
      return true;
    } catch (ParallaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "Features{group_by=" + groupBy + ", split_by=" + splitBy + ", sort=" + sort + ", expressions=" + expressions
        + ", filter_ops=" + filterOps + ", aggregates=" + aggregates + "}";
  }
}
