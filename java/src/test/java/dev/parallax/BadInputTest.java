package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad data raises a typed error and leaves the table exactly as it was: same size, same
 * contents (compared before and after).
 */
class BadInputTest extends ParallaxTestBase {
  /** Size and full contents of {@code t}, read through a fresh view. */
  private static Object state(Table t) {
    try (View v = t.view()) {
      return List.of(t.size(), v.toColumns());
    }
  }

  private static void assertUnchanged(Table t, Object before) {
    assertEquals(before, state(t), "the failed call changed the table");
  }

  @Test
  void malformedCsvUpdate() {
    Table t = sample();
    Object before = state(t);
    assertThrows(ParallaxException.class, () -> t.update("x,y\n1,a,extra,cells\n\"unterminated"));
    assertUnchanged(t, before);
  }

  @Test
  void csvValueThatDoesNotConvert() {
    Table t = sample();
    Object before = state(t);
    assertThrows(ParallaxException.class, () -> t.update("x,y\n3.7,d\n"));
    assertUnchanged(t, before);
  }

  @Test
  void malformedJsonUpdate() {
    Table t = sample();
    Object before = state(t);
    assertThrows(ParseException.class, () -> t.update("{\"x\": [1, 2", UpdateOptions.format(DataFormat.COLUMNS)));
    assertThrows(ParseException.class, () -> t.update("[{\"x\": 1}, {\"x\":", UpdateOptions.format(DataFormat.JSON)));
    assertUnchanged(t, before);
  }

  @Test
  void malformedArrowBytes() {
    Table t = sample();
    Object before = state(t);
    byte[] garbage = "definitely not arrow".getBytes(StandardCharsets.UTF_8);
    assertThrows(ParseException.class, () -> t.update(garbage));
    byte[] truncatedFile = "ARROW1\0\0garbage".getBytes(StandardCharsets.UTF_8);
    assertThrows(ParseException.class, () -> t.update(truncatedFile));
    assertThrows(ParseException.class, () -> client.table(garbage));
    assertUnchanged(t, before);
    assertEquals(List.of(t.getName()), server.getHostedTableNames());
  }

  @Test
  void wrongValueTypeInUpdate() {
    Table t = sample();
    Object before = state(t);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> t.update(List.of(Map.of("x", "not a number", "y", "d"))));
    assertTrue(e.getMessage().contains("integer"), e.getMessage());
    assertUnchanged(t, before);
  }

  @Test
  void booleanIntoIntegerColumn() {
    Table t = sample();
    Object before = state(t);
    assertThrows(InvalidInputException.class, () -> t.update(List.of(Map.of("x", true))));
    assertUnchanged(t, before);
  }

  @Test
  void missingIndexColumnCreatesNoTable() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> client.table(map("x", List.of(1, 2)), TableOptions.builder().index("zz").build()));
    assertTrue(e.getMessage().contains("zz"), e.getMessage());
    assertThrows(InvalidInputException.class,
        () -> client.table(map("x", "integer"), TableOptions.builder().index("zz").build()));
    assertEquals(List.of(), server.getHostedTableNames());
  }

  @Test
  void indexTogetherWithLimitIsRefused() {
    assertThrows(InvalidInputException.class,
        () -> client.table(map("x", List.of(1)), TableOptions.builder().index("x").limit(5).build()));
    assertEquals(List.of(), server.getHostedTableNames());
  }

  @Test
  void badSchemaTypeName() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> client.table(map("a", "decimal")));
    assertTrue(e.getMessage().contains("decimal"), e.getMessage());
  }

  @Test
  void removeWithKeysOfTheWrongType() {
    Table t = indexedSample();
    Object before = state(t);
    assertThrows(InvalidInputException.class, () -> t.remove(List.of("not a key")));
    assertUnchanged(t, before);
  }

  /** The reference empties the table first (divergence #7 in docs/COMPATIBILITY.md). */
  @Test
  void aFailedReplaceLosesNothing() {
    Table t = sample();
    Object before = state(t);
    assertThrows(ParallaxException.class, () -> t.replace(List.of(Map.of("x", "nope"))));
    assertUnchanged(t, before);
    assertThrows(ParallaxException.class, () -> t.replace("x,y\n\"unterminated"));
    assertUnchanged(t, before);
  }
}
