package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallax.jni.ParallaxNative;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Engine statuses become typed exceptions that carry the engine's message. */
class ErrorMappingTest extends ParallaxTestBase {
  @Test
  void eachStatusMapsToItsException() {
    // Any failing call sets this thread's last error message; check() must carry it.
    Table t = sample();
    InvalidInputException real = assertThrows(InvalidInputException.class,
        () -> t.view(ViewConfig.builder().columns("zz").build()));
    String message = real.getMessage();
    assertEquals(message, NativeBridge.lastErrorMessage());

    assertMapped(ParallaxNative.PX_ERR_INVALID, InvalidInputException.class, message);
    assertMapped(ParallaxNative.PX_ERR_STATE, ParallaxStateException.class, message);
    assertMapped(ParallaxNative.PX_ERR_PARSE, ParseException.class, message);
    assertMapped(ParallaxNative.PX_ERR_INTERNAL, EngineException.class, message);
    ParallaxException unknown = assertThrows(ParallaxException.class, () -> NativeBridge.check(99));
    assertInstanceOf(EngineException.class, unknown);
    NativeBridge.check(ParallaxNative.PX_OK);
  }

  private static void assertMapped(int status, Class<? extends ParallaxException> type, String message) {
    ParallaxException e = assertThrows(ParallaxException.class, () -> NativeBridge.check(status));
    assertEquals(type, e.getClass());
    assertEquals(message, e.getMessage());
  }

  @Test
  void unknownViewColumnIsInvalidInput() {
    Table t = sample();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> t.view(ViewConfig.builder().columns("x", "zz").build()));
    assertTrue(e.getMessage().contains("zz"), e.getMessage());
    assertEquals(0, t.viewCount());
  }

  @Test
  void unknownConfigKeyIsInvalidInput() {
    Table t = sample();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> t.view(java.util.Map.of("row_pivots", List.of("x"))));
    assertTrue(e.getMessage().contains("row_pivots"), e.getMessage());
  }

  @Test
  void removeOnAnUnindexedTableIsAStateError() {
    Table t = sample();
    ParallaxStateException e = assertThrows(ParallaxStateException.class, () -> t.remove(List.of(1)));
    assertTrue(e.getMessage().contains("unindexed"), e.getMessage());
    assertEquals(3, t.size());
  }

  @Test
  void malformedJsonTextIsAParseError() {
    Table t = sample();
    assertThrows(ParseException.class, () -> t.update("[{\"x\": 1,", UpdateOptions.format(DataFormat.JSON)));
    assertThrows(ParseException.class, () -> t.view("{\"columns\": ["));
    assertEquals(3, t.size());
  }

  @Test
  void unsupportedJavaInputsAreInvalidInput() {
    assertThrows(InvalidInputException.class, () -> client.table(null));
    assertThrows(InvalidInputException.class, () -> client.table(42));
    assertThrows(InvalidInputException.class, () -> client.table(List.of("not a row")));
    assertThrows(InvalidInputException.class, () -> client.table(map("x", 1, "y", List.of(2))));
    assertThrows(InvalidInputException.class, () -> client.table("a,b\n1,2\n", TableOptions.builder().format(DataFormat.ARROW).build()));
    assertThrows(InvalidInputException.class, () -> TableOptions.fromMap(java.util.Map.of("indx", "x")));
    assertThrows(InvalidInputException.class, () -> ViewWindow.fromMap(java.util.Map.of("start", 1)));
    assertEquals(List.of(), server.getHostedTableNames());
  }

  @Test
  void exceptionsAreUncheckedAndShareABase() {
    for (Class<?> c : List.of(InvalidInputException.class, ParallaxStateException.class, ParseException.class, EngineException.class)) {
      assertTrue(ParallaxException.class.isAssignableFrom(c));
    }
    assertTrue(RuntimeException.class.isAssignableFrom(ParallaxException.class));
  }
}
