package dev.parallax;

import dev.parallax.proto.ColumnsUpdate;
import dev.parallax.proto.MakeTableData;
import dev.parallax.proto.NullValue;
import dev.parallax.proto.Scalar;
import dev.parallax.proto.Schema;
import dev.parallax.proto.SortOp;
import dev.parallax.proto.ViewPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between the protocol's messages and the Java API's values: view configs (both
 * ways), viewports and flags to {@link ViewWindow}, {@code MakeTableData} to table inputs (and
 * back, for the remote client), column types and filter scalars.
 *
 * <p>Stateless and thread-safe.
 */
final class ProtocolCodec {
  private ProtocolCodec() {}

  private static final Map<SortOp, String> SORT_NAMES = new LinkedHashMap<>();

  static {
    SORT_NAMES.put(SortOp.SORT_NONE, "none");
    SORT_NAMES.put(SortOp.SORT_ASC, "asc");
    SORT_NAMES.put(SortOp.SORT_DESC, "desc");
    SORT_NAMES.put(SortOp.SORT_COL_ASC, "col asc");
    SORT_NAMES.put(SortOp.SORT_COL_DESC, "col desc");
    SORT_NAMES.put(SortOp.SORT_ASC_ABS, "asc abs");
    SORT_NAMES.put(SortOp.SORT_DESC_ABS, "desc abs");
    SORT_NAMES.put(SortOp.SORT_COL_ASC_ABS, "col asc abs");
    SORT_NAMES.put(SortOp.SORT_COL_DESC_ABS, "col desc abs");
  }

  // ---- column types ----

  static dev.parallax.proto.ColumnType toProto(ColumnType t) {
    return dev.parallax.proto.ColumnType.valueOf(t.name());
  }

  static ColumnType fromProto(dev.parallax.proto.ColumnType t) {
    return ColumnType.valueOf(t.name());
  }

  static Schema schema(Map<String, ColumnType> schema) {
    Schema.Builder b = Schema.newBuilder();
    schema.forEach((name, type) -> b.addSchema(Schema.KeyTypePair.newBuilder().setName(name).setType(toProto(type))));
    return b.build();
  }

  // ---- view configs ----

  /** A protocol view config as the Java API's config (Perspective's JSON keys). */
  static ViewConfig config(dev.parallax.proto.ViewConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (c.getGroupByCount() > 0) {
      m.put("group_by", new ArrayList<>(c.getGroupByList()));
    }
    if (c.getSplitByCount() > 0) {
      m.put("split_by", new ArrayList<>(c.getSplitByList()));
    }
    if (c.hasColumns() && c.getColumns().hasColumns()) {
      m.put("columns", new ArrayList<>(c.getColumns().getColumns().getColumnsList()));
    }
    if (c.getFilterCount() > 0) {
      List<Object> filters = new ArrayList<>();
      for (dev.parallax.proto.ViewConfig.Filter f : c.getFilterList()) {
        List<Object> entry = new ArrayList<>(List.of(f.getColumn(), f.getOp()));
        boolean listOp = f.getOp().equals("in") || f.getOp().equals("not in");
        boolean nullOp = f.getOp().equals("is null") || f.getOp().equals("is not null");
        if (listOp) {
          List<Object> values = new ArrayList<>();
          f.getValueList().forEach(v -> values.add(scalar(v)));
          entry.add(values);
        } else if (!nullOp && f.getValueCount() > 0) {
          entry.add(scalar(f.getValue(0)));
        }
        filters.add(entry);
      }
      m.put("filter", filters);
    }
    if (c.getSortCount() > 0) {
      List<Object> sorts = new ArrayList<>();
      for (dev.parallax.proto.ViewConfig.Sort s : c.getSortList()) {
        sorts.add(List.of(s.getColumn(), SORT_NAMES.getOrDefault(s.getOp(), "none")));
      }
      m.put("sort", sorts);
    }
    if (c.getExpressionsCount() > 0) {
      m.put("expressions", new LinkedHashMap<>(c.getExpressionsMap()));
    }
    if (c.getAggregatesCount() > 0) {
      Map<String, Object> aggs = new LinkedHashMap<>();
      c.getAggregatesMap().forEach((col, list) -> {
        List<String> names = list.getAggregationsList();
        if (names.size() == 1) {
          aggs.put(col, names.get(0));
        } else if (names.size() > 1) {
          aggs.put(col, List.of(names.get(0), new ArrayList<>(Arrays.asList(names.get(1).split(",")))));
        }
      });
      m.put("aggregates", aggs);
    }
    if (c.getFilterOp() == dev.parallax.proto.ViewConfig.FilterReducer.OR) {
      m.put("filter_op", "or");
    }
    if (c.hasGroupByDepth()) {
      m.put("group_by_depth", c.getGroupByDepth());
    }
    return ViewConfig.fromMap(m);
  }

  /** The Java API's config as a protocol config; {@code allColumns} fills an absent column list. */
  @SuppressWarnings("unchecked")
  static dev.parallax.proto.ViewConfig config(ViewConfig config, List<String> allColumns) {
    dev.parallax.proto.ViewConfig.Builder b = dev.parallax.proto.ViewConfig.newBuilder();
    b.addAllGroupBy(config.getGroupBy());
    b.addAllSplitBy(config.getSplitBy());
    List<String> columns = config.getColumns() != null ? config.getColumns() : allColumns;
    if (columns != null) {
      List<String> names = new ArrayList<>();
      for (Object c : columns) {
        if (c != null) {
          names.add(c.toString());
        }
      }
      b.setColumns(ColumnsUpdate.newBuilder().setColumns(ColumnsUpdate.Columns.newBuilder().addAllColumns(names)));
    } else {
      b.setColumns(ColumnsUpdate.newBuilder().setDefaultColumns(NullValue.NULL_VALUE));
    }
    for (List<Object> f : config.getFilter()) {
      dev.parallax.proto.ViewConfig.Filter.Builder fb = dev.parallax.proto.ViewConfig.Filter.newBuilder()
          .setColumn(String.valueOf(f.get(0))).setOp(String.valueOf(f.get(1)));
      if (f.size() > 2) {
        Object v = f.get(2);
        if (v instanceof List) {
          ((List<Object>) v).forEach(x -> fb.addValue(scalar(x)));
        } else {
          fb.addValue(scalar(v));
        }
      }
      b.addFilter(fb);
    }
    for (List<String> s : config.getSort()) {
      SortOp op = SortOp.SORT_NONE;
      for (Map.Entry<SortOp, String> e : SORT_NAMES.entrySet()) {
        if (e.getValue().equals(s.get(1))) {
          op = e.getKey();
        }
      }
      b.addSort(dev.parallax.proto.ViewConfig.Sort.newBuilder().setColumn(s.get(0)).setOp(op));
    }
    b.putAllExpressions(config.getExpressions());
    config.getAggregates().forEach((col, agg) -> {
      dev.parallax.proto.ViewConfig.AggList.Builder ab = dev.parallax.proto.ViewConfig.AggList.newBuilder();
      if (agg instanceof List) {
        List<Object> parts = (List<Object>) agg;
        ab.addAggregations(String.valueOf(parts.get(0)));
        if (parts.size() > 1) {
          Object args = parts.get(1);
          ab.addAggregations(args instanceof List ? String.join(",", (List<String>) args) : String.valueOf(args));
        }
      } else {
        ab.addAggregations(String.valueOf(agg));
      }
      b.putAggregates(col, ab.build());
    });
    if ("or".equalsIgnoreCase(config.getFilterOp())) {
      b.setFilterOp(dev.parallax.proto.ViewConfig.FilterReducer.OR);
    }
    config.getGroupByDepth().ifPresent(b::setGroupByDepth);
    return b.build();
  }

  static Object scalar(Scalar s) {
    switch (s.getScalarCase()) {
      case BOOL:
        return s.getBool();
      case FLOAT:
        return s.getFloat();
      case STRING:
        return s.getString();
      default:
        return null;
    }
  }

  static Scalar scalar(Object v) {
    if (v instanceof Boolean) {
      return Scalar.newBuilder().setBool((Boolean) v).build();
    }
    if (v instanceof Number) {
      return Scalar.newBuilder().setFloat(((Number) v).doubleValue()).build();
    }
    if (v == null) {
      return Scalar.newBuilder().setNull(NullValue.NULL_VALUE).build();
    }
    return Scalar.newBuilder().setString(v.toString()).build();
  }

  // ---- windows ----

  static ViewWindow window(ViewPort port, Boolean id, Boolean index, Boolean formatted, Boolean leavesOnly) {
    ViewWindow.Builder b = ViewWindow.builder();
    if (port != null) {
      if (port.hasStartRow()) {
        b.startRow(Integer.toUnsignedLong(port.getStartRow()));
      }
      if (port.hasEndRow()) {
        b.endRow(Integer.toUnsignedLong(port.getEndRow()));
      }
      if (port.hasStartCol()) {
        b.startCol(Integer.toUnsignedLong(port.getStartCol()));
      }
      if (port.hasEndCol()) {
        b.endCol(Integer.toUnsignedLong(port.getEndCol()));
      }
    }
    if (Boolean.TRUE.equals(id)) {
      b.id(true);
    }
    if (Boolean.TRUE.equals(index)) {
      b.index(true);
    }
    if (Boolean.TRUE.equals(formatted)) {
      b.formatted(true);
    }
    if (Boolean.TRUE.equals(leavesOnly)) {
      b.leavesOnly(true);
    }
    return b.build();
  }

  static ViewPort viewport(ViewWindow w) {
    ViewPort.Builder b = ViewPort.newBuilder();
    if (w.getStartRow() != null) {
      b.setStartRow(w.getStartRow().intValue());
    }
    if (w.getEndRow() != null) {
      b.setEndRow(w.getEndRow().intValue());
    }
    if (w.getStartCol() != null) {
      b.setStartCol(w.getStartCol().intValue());
    }
    if (w.getEndCol() != null) {
      b.setEndCol(w.getEndCol().intValue());
    }
    return b.build();
  }

  // ---- table data ----

  /** A table input and its format, from a protocol payload (server side). */
  record Input(Object data, DataFormat format) {}

  /**
   * The Java input of {@code d}; {@code views} resolves {@code from_view}. A schema is only
   * accepted when {@code creation}.
   */
  static Input input(MakeTableData d, boolean creation, java.util.function.Function<String, View> views) {
    switch (d.getDataCase()) {
      case FROM_CSV:
        return new Input(d.getFromCsv(), DataFormat.CSV);
      case FROM_ARROW:
        return new Input(d.getFromArrow().toByteArray(), DataFormat.ARROW);
      case FROM_ROWS:
        return new Input(d.getFromRows(), DataFormat.JSON);
      case FROM_COLS:
        return new Input(d.getFromCols(), DataFormat.COLUMNS);
      case FROM_NDJSON:
        return new Input(d.getFromNdjson(), DataFormat.NDJSON);
      case FROM_VIEW:
        return new Input(views.apply(d.getFromView()).toArrow(), DataFormat.ARROW);
      case FROM_SCHEMA:
        if (creation) {
          Map<String, Object> schema = new LinkedHashMap<>();
          d.getFromSchema().getSchemaList().forEach(p -> schema.put(p.getName(), fromProto(p.getType()).typeName()));
          return new Input(schema, null);
        }
        throw new Session.ProtocolError("MakeTableReq malformed", dev.parallax.proto.StatusCode.SERVER_ERROR);
      default:
        throw new Session.ProtocolError("MakeTableReq malformed", dev.parallax.proto.StatusCode.SERVER_ERROR);
    }
  }

  /** A protocol payload from a Java table input (remote client side); see {@link Client#table(Object)}. */
  static MakeTableData payload(Object data, DataFormat format, boolean creation) {
    MakeTableData.Builder b = MakeTableData.newBuilder();
    if (data instanceof String) {
      String s = (String) data;
      DataFormat f = format == null ? DataFormat.CSV : format;
      switch (f) {
        case JSON:
          return b.setFromRows(s).build();
        case COLUMNS:
          return b.setFromCols(s).build();
        case NDJSON:
          return b.setFromNdjson(s).build();
        case CSV:
          return b.setFromCsv(s).build();
        default:
          throw new InvalidInputException("format `arrow` takes byte[] data, not a String");
      }
    }
    if (data instanceof byte[]) {
      byte[] bytes = (byte[]) data;
      if (format == null || format == DataFormat.ARROW) {
        return b.setFromArrow(com.google.protobuf.ByteString.copyFrom(bytes)).build();
      }
      return payload(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), format, creation);
    }
    if (data instanceof java.nio.file.Path) {
      java.nio.file.Path path = (java.nio.file.Path) data;
      DataFormat f = format == null ? TableData.formatOf(path) : format;
      try {
        byte[] bytes = java.nio.file.Files.readAllBytes(path);
        return payload(bytes, f, creation);
      } catch (java.io.IOException e) {
        throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
      }
    }
    if (data instanceof List) {
      return b.setFromRows(Json.write(data)).build();
    }
    if (data instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) data;
      boolean schema = creation && map.values().stream().allMatch(v -> v instanceof String || v instanceof ColumnType);
      if (schema) {
        Schema.Builder sb = Schema.newBuilder();
        map.forEach((k, v) -> sb.addSchema(Schema.KeyTypePair.newBuilder().setName(k.toString())
            .setType(toProto(v instanceof ColumnType ? (ColumnType) v : ColumnType.fromName(v.toString())))));
        return b.setFromSchema(sb).build();
      }
      return b.setFromCols(Json.write(map)).build();
    }
    if (data instanceof View) {
      return b.setFromArrow(com.google.protobuf.ByteString.copyFrom(((View) data).toArrow())).build();
    }
    byte[] arrow = ArrowBridge.toIpcBytes(data);
    if (arrow != null) {
      return b.setFromArrow(com.google.protobuf.ByteString.copyFrom(arrow)).build();
    }
    throw new InvalidInputException("unsupported table data: " + data.getClass().getName());
  }
}
