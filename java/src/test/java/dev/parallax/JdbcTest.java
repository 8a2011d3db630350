package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A JDBC {@link ResultSet} (H2 in memory) loads through arrow-jdbc and the C Data Interface. */
class JdbcTest extends ParallaxTestBase {
  private Connection db;

  @BeforeEach
  void createDatabase() throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:mem:parallax_jdbc_test;DB_CLOSE_DELAY=-1");
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE trades (id INT, sym VARCHAR(8), px DOUBLE, ok BOOLEAN, d DATE, ts TIMESTAMP)");
      s.execute("INSERT INTO trades VALUES "
          + "(1, 'AAPL', 10.5, TRUE, DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05.123'),"
          + "(2, 'MSFT', NULL, FALSE, NULL, TIMESTAMP '2024-01-03 00:00:00'),"
          + "(3, NULL, -1.25, NULL, DATE '2024-02-29', NULL)");
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
    db.close();
  }

  @Test
  void resultSetLoadsWithItsTypes() throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM trades ORDER BY id")) {
      Table t = client.table(rs);
      assertEquals(List.of("ID", "SYM", "PX", "OK", "D", "TS"), t.columns());
      assertEquals(Map.of("ID", ColumnType.INTEGER, "SYM", ColumnType.STRING, "PX", ColumnType.FLOAT,
          "OK", ColumnType.BOOLEAN, "D", ColumnType.DATE, "TS", ColumnType.DATETIME), t.schema());
      try (View v = t.view()) {
        Map<String, List<Object>> cols = v.toColumns();
        assertEquals(List.of(1L, 2L, 3L), cols.get("ID"));
        assertEquals(Arrays.asList("AAPL", "MSFT", null), cols.get("SYM"));
        assertEquals(Arrays.asList(10.5, null, -1.25), cols.get("PX"));
        assertEquals(Arrays.asList(true, false, null), cols.get("OK"));
        long day = 86_400_000L;
        assertEquals(Arrays.asList(LocalDate.of(2024, 1, 2).toEpochDay() * day, null, LocalDate.of(2024, 2, 29).toEpochDay() * day),
            cols.get("D"));
        assertEquals(Arrays.asList(Instant.parse("2024-01-02T03:04:05.123Z").toEpochMilli(),
            Instant.parse("2024-01-03T00:00:00Z").toEpochMilli(), null), cols.get("TS"));
      }
    }
  }

  @Test
  void resultSetUpdatesAnIndexedTable() throws SQLException {
    Table t = client.table(map("ID", "integer", "PX", "float"), TableOptions.builder().index("ID").build());
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id, px FROM trades")) {
      t.update(rs);
    }
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id, px * 2 AS px FROM trades WHERE id = 1")) {
      t.update(rs);
    }
    assertEquals(3, t.size());
    try (View v = t.view()) {
      assertEquals(Arrays.asList(21.0, null, -1.25), v.toColumns().get("PX"));
    }
  }

  @Test
  void emptyResultSetMakesAnEmptyTable() throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT id, sym FROM trades WHERE id > 100")) {
      Table t = client.table(rs);
      assertEquals(0, t.size());
      assertEquals(List.of("ID", "SYM"), t.columns());
    }
  }
}
