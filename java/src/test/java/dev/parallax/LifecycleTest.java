package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ownership and lifecycle of servers, clients, tables and views. */
class LifecycleTest extends ParallaxTestBase {
  @Test
  void closeIsIdempotent() {
    Table t = sample();
    View v = t.view();
    v.close();
    v.close();
    assertFalse(v.isOpen());
    t.close();
    t.close();
    assertFalse(t.isOpen());
    client.close();
    client.close();
    server.close();
    server.close();
  }

  @Test
  void everyCallOnAClosedObjectRaisesStateErrors() {
    Table t = sample();
    View v = t.view();
    v.close();
    assertThrows(ParallaxStateException.class, v::toColumns);
    assertThrows(ParallaxStateException.class, v::toCsv);
    assertThrows(ParallaxStateException.class, v::schema);
    assertThrows(ParallaxStateException.class, v::dimensions);
    assertThrows(ParallaxStateException.class, () -> v.toVectorSchemaRoot(allocator));
    assertThrows(ParallaxStateException.class, v::delete);
    t.close();
    assertThrows(ParallaxStateException.class, t::size);
    assertThrows(ParallaxStateException.class, t::schema);
    assertThrows(ParallaxStateException.class, t::view);
    assertThrows(ParallaxStateException.class, () -> t.update(List.of(Map.of("x", 4))));
    assertThrows(ParallaxStateException.class, t::clear);
    assertThrows(ParallaxStateException.class, t::delete);
    client.close();
    assertThrows(ParallaxStateException.class, this::sample);
    server.close();
    assertThrows(ParallaxStateException.class, server::newLocalClient);
  }

  @Test
  void closingATableClosesItsViews() {
    Table t = sample();
    View a = t.view();
    View b = t.view(ViewConfig.builder().columns("y").build());
    t.close();
    assertFalse(a.isOpen());
    assertFalse(b.isOpen());
  }

  @Test
  void closingAClientClosesItsTablesOnly() {
    Client other = server.newLocalClient();
    Table mine = client.table(map("x", List.of(1)), TableOptions.builder().name("mine").build());
    Table theirs = other.table(map("x", List.of(2)), TableOptions.builder().name("theirs").build());
    View view = mine.view();
    client.close();
    assertFalse(mine.isOpen());
    assertFalse(view.isOpen());
    assertTrue(theirs.isOpen());
    assertEquals(List.of("theirs"), other.getHostedTableNames());
  }

  @Test
  void closingTheServerClosesEverything() {
    Table t = sample();
    View v = t.view();
    server.close();
    assertFalse(client.isOpen());
    assertFalse(t.isOpen());
    assertFalse(v.isOpen());
  }

  @Test
  void serverHostsTablesByName() {
    Table t = client.table(map("x", List.of(1, 2)), Map.of("name", "prices"));
    assertEquals("prices", t.getName());
    assertEquals(List.of("prices"), server.getHostedTableNames());
    Client other = server.newLocalClient();
    assertSame(t, other.openTable("prices"));
    assertThrows(InvalidInputException.class, () -> other.openTable("nope"));
    t.close();
    assertEquals(List.of(), server.getHostedTableNames());
  }

  @Test
  void aHostedNameCannotBeReused() {
    Table first = client.table(map("x", List.of(1)), Map.of("name", "t"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> client.table(map("x", List.of(2)), Map.of("name", "t")));
    assertTrue(e.getMessage().contains("'t'"), e.getMessage());
    assertEquals(1, first.size());
    assertEquals(List.of("t"), server.getHostedTableNames());
    first.close();
    assertDoesNotThrow(() -> client.table(map("x", List.of(3)), Map.of("name", "t")).close());
  }

  @Test
  void tablesGetDistinctRandomNames() {
    Table a = sample();
    Table b = sample();
    assertFalse(a.getName().isEmpty());
    assertFalse(a.getName().equals(b.getName()));
    assertEquals(List.of(a.getName(), b.getName()), server.getHostedTableNames());
  }

  @Test
  void deleteIsRefusedWhileViewsAreAliveAndTheTableStaysUsable() {
    Table t = sample();
    View v = t.view();
    assertThrows(ParallaxStateException.class, t::delete);
    assertTrue(t.isOpen());
    assertEquals(3, t.size());
    assertEquals(1, t.viewCount());
    t.update(List.of(Map.of("x", 4, "y", "d")));
    assertEquals(4, t.size());
    assertEquals(List.of(1L, 2L, 3L, 4L), v.toColumns().get("x"));
    v.delete();
    assertEquals(0, t.viewCount());
    t.delete();
    assertFalse(t.isOpen());
    assertEquals(List.of(), server.getHostedTableNames());
  }

  @Test
  void tableOptionsAreReportedBack() {
    Table indexed = indexedSample();
    assertEquals("x", indexed.getIndex().orElseThrow());
    assertTrue(indexed.getLimit().isEmpty());
    Table limited = client.table(map("x", List.of(1, 2, 3)), TableOptions.builder().limit(2).build());
    assertEquals(2, limited.getLimit().orElseThrow());
    assertTrue(limited.getIndex().isEmpty());
  }

  @Test
  void defaultServerIsShared() {
    long start = NativeHandle.liveCount();
    try (Table t = Parallax.table(map("x", List.of(1, 2)))) {
      assertTrue(Parallax.defaultServer().getHostedTableNames().contains(t.getName()));
      assertSame(t, Parallax.defaultClient().openTable(t.getName()));
    }
    assertEquals(start, NativeHandle.liveCount());
    assertFalse(Parallax.version().isEmpty());
  }

  @Test
  void portsAreNumberedFromOne() {
    Table t = sample();
    assertEquals(1, t.makePort());
    assertEquals(2, t.makePort());
    t.update(List.of(Map.of("x", 9, "y", "z")), UpdateOptions.port(2));
    assertEquals(4, t.size());
  }
}
