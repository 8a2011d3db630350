package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config objects keep Perspective's keys, and Java values map to the documented JSON. */
class ConfigTest {
  private static final String PYTHON_CONFIG = "{\"group_by\": [\"s\"], \"split_by\": [\"s2\"], \"columns\": [\"f\", \"i\"],"
      + " \"aggregates\": {\"f\": \"avg\", \"i\": [\"weighted mean\", [\"f\"]]}, \"sort\": [[\"f\", \"desc\"]],"
      + " \"filter\": [[\"f\", \">\", 1.5], [\"s\", \"is not null\"]], \"filter_op\": \"or\","
      + " \"expressions\": {\"twice\": \"\\\"f\\\" * 2\"}, \"group_by_depth\": 1}";

  @Test
  void builderMapAndJsonAgree() {
    ViewConfig built = ViewConfig.builder()
        .groupBy("s")
        .splitBy("s2")
        .columns("f", "i")
        .aggregate("f", "avg")
        .aggregate("i", "weighted mean", "f")
        .sort("f", "desc")
        .filter("f", ">", 1.5)
        .filter("s", "is not null")
        .filterOp("or")
        .expression("twice", "\"f\" * 2")
        .groupByDepth(1)
        .build();
    ViewConfig parsed = ViewConfig.fromJson(PYTHON_CONFIG);
    assertEquals(parsed, built);
    assertEquals(parsed, ViewConfig.fromMap(parsed.toMap()));
    assertEquals(parsed, ViewConfig.fromJson(built.toJson()));
    assertEquals(List.of("s"), built.getGroupBy());
    assertEquals(List.of("s2"), built.getSplitBy());
    assertEquals(List.of("f", "i"), built.getColumns());
    assertEquals(List.of(List.of("f", "desc")), built.getSort());
    assertEquals("or", built.getFilterOp());
    assertEquals(Map.of("twice", "\"f\" * 2"), built.getExpressions());
    assertEquals(1, built.getGroupByDepth().getAsInt());
    assertEquals(List.of("weighted mean", List.of("f")), built.getAggregates().get("i"));
  }

  @Test
  void emptyConfigHasDefaults() {
    ViewConfig c = ViewConfig.empty();
    assertEquals("{}", c.toJson());
    assertEquals(null, c.getColumns());
    assertEquals("and", c.getFilterOp());
    assertTrue(c.getGroupByDepth().isEmpty());
    assertEquals(c, ViewConfig.fromMap(null));
    assertEquals(c, ViewConfig.fromJson("null"));
  }

  @Test
  void unknownKeysAreKeptForTheEngineToJudge() {
    ViewConfig c = ViewConfig.fromMap(Map.of("row_pivots", List.of("x")));
    assertEquals("{\"row_pivots\":[\"x\"]}", c.toJson());
  }

  @Test
  void configIsImmutable() {
    ViewConfig c = ViewConfig.builder().groupBy("a").build();
    assertThrows(UnsupportedOperationException.class, () -> c.getGroupBy().add("b"));
    assertThrows(UnsupportedOperationException.class, () -> c.toMap().put("x", 1));
  }

  @Test
  void filterTermsOfDateTypesBecomeStrings() {
    ViewConfig c = ViewConfig.builder().filter("d", "==", LocalDate.of(2024, 1, 2)).build();
    assertEquals(List.of(Arrays.asList("d", "==", "2024-01-02")), c.getFilter());
  }

  @Test
  void tableOptionsFromMap() {
    TableOptions o = TableOptions.fromMap(Map.of("index", "id", "name", "t", "format", "json"));
    assertEquals(TableOptions.builder().index("id").name("t").format(DataFormat.JSON).build(), o);
    assertEquals(5, TableOptions.fromMap(Map.of("limit", 5)).getLimit().getAsLong());
    assertEquals("{\"index\":\"id\",\"name\":\"t\"}", o.toEngineJson());
    assertThrows(InvalidInputException.class, () -> TableOptions.fromMap(Map.of("index", 3)));
    assertThrows(InvalidInputException.class, () -> TableOptions.fromMap(Map.of("format", "xml")));
  }

  @Test
  void updateOptionsFromMap() {
    assertEquals(UpdateOptions.port(3).withFormat(DataFormat.CSV), UpdateOptions.fromMap(Map.of("port_id", 3, "format", "csv")));
    assertThrows(InvalidInputException.class, () -> UpdateOptions.fromMap(Map.of("port", 3)));
  }

  @Test
  void viewWindowFromMap() {
    ViewWindow w = ViewWindow.fromMap(Map.of("start_row", 1, "end_row", 5, "leaves_only", true));
    assertEquals(1, w.getStartRow().intValue());
    assertEquals(5, w.getEndRow().intValue());
    assertTrue(w.isLeavesOnly());
    assertEquals(null, ViewWindow.all().toEngineJson());
    assertEquals("{\"start_row\":0,\"end_row\":10}", ViewWindow.rows(0, 10).toEngineJson());
    assertThrows(InvalidInputException.class, () -> ViewWindow.fromMap(Map.of("start_row", "1")));
  }

  @Test
  void javaValuesMapToTheDocumentedJson() {
    Instant t = Instant.parse("2024-01-02T03:04:05.123Z");
    assertEquals("\"2024-01-02\"", Json.write(LocalDate.of(2024, 1, 2)));
    assertEquals("\"2024-01-02\"", Json.write(java.sql.Date.valueOf(LocalDate.of(2024, 1, 2))));
    assertEquals("\"2024-01-02T03:04:05.123Z\"", Json.write(t));
    assertEquals("\"2024-01-02T03:04:05.123Z\"", Json.write(java.util.Date.from(t)));
    assertEquals("\"2024-01-02T03:04:05.123Z\"", Json.write(java.sql.Timestamp.from(t)));
    assertEquals("\"2024-01-02T03:04:05.000Z\"", Json.write(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
    assertEquals("[1,2.5,true,null,null,null]", Json.write(Arrays.asList(1, 2.5, true, null, Double.NaN, Double.POSITIVE_INFINITY)));
    assertEquals("\"integer\"", Json.write(ColumnType.INTEGER));
  }

  @Test
  void columnTypeNames() {
    for (ColumnType t : ColumnType.values()) {
      assertEquals(t, ColumnType.fromName(t.typeName()));
    }
    assertThrows(InvalidInputException.class, () -> ColumnType.fromName("decimal"));
  }
}
