package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expression columns through the Java API, on local tables and on remote ones (a
 * {@link Client#websocket} client of an in-process server): {@code validateExpressions},
 * {@code expressionSchema}, live values, and errors as typed exceptions, with no native handle
 * left behind. Expected values were recorded from Perspective 3.8.0.
 */
class ExpressionTest extends WebSocketTestBase {
  /** table({k, x, y, s}, {index: "k"}) then update(...), as the reference recording. */
  private Table sales() {
    Table t = client.table(map("k", "integer", "x", "float", "y", "float", "s", "string"),
        TableOptions.builder().name("sales").index("k").build());
    t.update(map("k", List.of(1, 2, 3, 4), "x", Arrays.asList(1.5, -2, null, 4), "y", Arrays.asList(10, 20, 30, null),
        "s", Arrays.asList("a", "b", "a", null)));
    return t;
  }

  private static final Map<String, Object> EXPRESSIONS = map("xy", "\"x\" + \"y\"", "x2", "\"x\" * 2", "ss", "\"s\"");

  private static Map<String, Object> config(Object... rest) {
    Map<String, Object> m = map(rest);
    m.put("expressions", EXPRESSIONS);
    return m;
  }

  private void checkViews(Table t, Table writer) {
    try (View flat = t.view(config("columns", List.of("k", "xy", "x2", "ss")));
        View grouped = t.view(config("group_by", List.of("ss"), "columns", List.of("xy", "x2", "ss")))) {
      assertEquals("{k=[1, 2, 3, 4], xy=[11.5, 18.0, null, null], x2=[3.0, -4.0, null, 8.0], ss=[a, b, a, null]}",
          flat.toColumns().toString());
      assertEquals(map("xy", ColumnType.FLOAT, "x2", ColumnType.FLOAT, "ss", ColumnType.STRING), flat.expressionSchema());
      assertEquals(map("xy", ColumnType.FLOAT, "x2", ColumnType.FLOAT, "ss", ColumnType.INTEGER), grouped.expressionSchema());
      assertEquals(List.of("k", "xy", "x2", "ss"), flat.getConfig().getColumns());
      writer.update(map("k", List.of(2, 5), "x", List.of(7, 1), "s", List.of("a", "c")));
      assertEquals("{k=[1, 2, 3, 4, 5], xy=[11.5, 27.0, null, null, null], x2=[3.0, 14.0, null, 8.0, 2.0],"
          + " ss=[a, a, a, null, c]}", flat.toColumns().toString());
      assertEquals(Arrays.asList(38.5, 0.0, 38.5, 0.0), grouped.toColumns().get("xy"));
      writer.remove(List.of(1));
      assertEquals(Arrays.asList(27.0, 0.0, 27.0, 0.0), grouped.toColumns().get("xy"));
    }
  }

  @Test
  void localViewsComputeAndFollowChanges() {
    Table t = sales();
    checkViews(t, t);
  }

  @Test
  void remoteViewsComputeAndFollowChanges() {
    Table local = sales();
    try (Client remote = Client.websocket(url)) {
      checkViews(remote.openTable("sales"), local);
    }
  }

  private static void checkValidation(Table t) {
    ExpressionValidation v = t.validateExpressions(Map.of("ok", "\"x\" * 2", "k", "\"x\"", "nope", "\"zz\""));
    assertFalse(v.isValid());
    assertEquals(Map.of("ok", ColumnType.FLOAT), v.expressionSchema());
    assertEquals(Map.of(
        "k", new ExpressionValidation.ExpressionError("Value Error - expression \"k\" cannot overwrite an existing column.", 0, 0),
        "nope", new ExpressionValidation.ExpressionError("Value Error - Input column \"zz\" does not exist.", 0, 0)),
        v.errors());
    assertEquals(Map.of("ok", "\"x\" * 2", "k", "\"x\"", "nope", "\"zz\""), v.expressionAlias());
    assertTrue(t.validateExpressions(Map.of()).isValid());
  }

  @Test
  void validateExpressionsLocalAndRemote() {
    Table t = sales();
    checkValidation(t);
    try (Client remote = Client.websocket(url)) {
      checkValidation(remote.openTable("sales"));
    }
  }

  /** Local errors are typed; the protocol carries only the message, so remote ones are ParallaxException. */
  private static void checkErrors(Table t, Class<? extends ParallaxException> type) {
    ParallaxException e = assertThrows(type,
        () -> t.view(map("expressions", map("k", "\"x\""))));
    assertTrue(e.getMessage().contains("Value Error - expression \"k\" cannot overwrite an existing column."), e.getMessage());
    e = assertThrows(type,
        () -> t.view(map("expressions", map("q", "\"x\" * 2", "z", "\"q\" * 2"))));
    assertTrue(e.getMessage().contains("Value Error - Input column \"q\" does not exist."), e.getMessage());
    e = assertThrows(type,
        () -> t.view(map("expressions", map("q", "\"x\""), "columns", List.of("nope"))));
    assertTrue(e.getMessage().contains("Invalid column 'nope' found in View columns."), e.getMessage());
  }

  @Test
  void badExpressionsRaiseTypedExceptionsLocalAndRemote() {
    Table t = sales();
    checkErrors(t, InvalidInputException.class);
    assertEquals(0, t.viewCount());
    try (Client remote = Client.websocket(url)) {
      checkErrors(remote.openTable("sales"), ParallaxException.class);
    }
    assertEquals(0, t.viewCount());
  }

  @Test
  void featuresAdvertiseExpressions() {
    assertTrue(Features.get().message().getExpressions());
  }
}
