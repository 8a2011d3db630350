package dev.parallax.tools;

import dev.parallax.DataFormat;
import dev.parallax.Parallax;
import dev.parallax.Table;
import dev.parallax.TableOptions;
import dev.parallax.View;
import dev.parallax.ViewWindow;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * The Parallax and DuckDB sides of {@code scripts/bench}: the same workloads as
 * {@code scripts/bench/reference.mjs} (the reference engine), on the trades dataset written by
 * {@code scripts/bench/gen-trades.mjs}. Prints one JSON document. Not a test: figures go to
 * docs/BENCHMARKS.md.
 *
 * <p>Usage: {@code Bench DATA_DIR SIZES [--duckdb] [--loads] [--memory arrow|csv]} (DuckDB's
 * JDBC driver must then be on the class path; scripts/bench/run fetches it). {@code --loads} runs
 * only the memory measurements, the loads, {@code to_arrow} and the zero-copy export
 * (scripts/bench/loads); {@code --memory arrow|csv} only the resident bytes after that load.
 */
public final class Bench {
  private static final int REPS = 5;

  private static final Map<String, Map<String, Object>> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("groupby_symbol", Map.of("group_by", List.of("symbol"), "columns", List.of("notional", "id"),
        "aggregates", Map.of("notional", "sum", "id", "count")));
    QUERIES.put("groupby_venue_trader", Map.of("group_by", List.of("venue", "trader"),
        "columns", List.of("qty", "price", "notional"),
        "aggregates", Map.of("qty", "sum", "price", "avg", "notional", "max")));
    QUERIES.put("groupby_symbol_split_side", Map.of("group_by", List.of("symbol"), "split_by", List.of("side"),
        "columns", List.of("qty"), "aggregates", Map.of("qty", "sum")));
    QUERIES.put("sort_notional_top100", Map.of("sort", List.of(List.of("notional", "desc"))));
    QUERIES.put("filter_venue_qty", Map.of("filter", List.of(List.of("venue", "==", "NYSE"), List.of("qty", ">", 500))));
  }

  /** DuckDB SQL for the same questions; group_by views include subtotals, hence ROLLUP. */
  private static final Map<String, String> SQL = Map.of(
      "groupby_symbol", "SELECT symbol, sum(notional), count(id) FROM t GROUP BY ROLLUP(symbol)",
      "groupby_venue_trader", "SELECT venue, trader, sum(qty), avg(price), max(notional) FROM t GROUP BY ROLLUP(venue, trader)",
      "groupby_symbol_split_side", "SELECT symbol, sum(qty) FILTER (WHERE side = 'buy'), sum(qty) FILTER (WHERE side = 'sell') FROM t GROUP BY ROLLUP(symbol)",
      "sort_notional_top100", "SELECT * FROM t ORDER BY notional DESC LIMIT 100",
      "filter_venue_qty", "SELECT * FROM t WHERE venue = 'NYSE' AND qty > 500");

  private Bench() {}

  interface Work {
    Object run() throws Exception;
  }

  interface Cleanup {
    void accept(Object o) throws Exception;
  }

  static Map<String, Object> time(String label, Work work, Cleanup cleanup) {
    Map<String, Object> rec = new LinkedHashMap<>();
    List<Double> times = new ArrayList<>();
    try {
      Object warm = work.run();
      if (cleanup != null) cleanup.accept(warm);
      for (int i = 0; i < REPS; i++) {
        long t0 = System.nanoTime();
        Object r = work.run();
        times.add((System.nanoTime() - t0) / 1e6);
        if (cleanup != null) cleanup.accept(r);
      }
      List<Double> sorted = new ArrayList<>(times);
      Collections.sort(sorted);
      rec.put("times_ms", times);
      rec.put("median_ms", sorted.get(sorted.size() / 2));
      System.err.printf(Locale.ROOT, "  %s: %.2f ms%n", label, sorted.get(sorted.size() / 2));
    } catch (Exception e) {
      rec.put("error", String.valueOf(e));
      System.err.printf(Locale.ROOT, "  %s: ERROR %s%n", label, e);
    }
    return rec;
  }

  /** Engine-held plus adopted input bytes (both exact), and the process's resident set. */
  static long[] memory() {
    System.gc();
    Map<String, Object> info = Parallax.systemInfo();
    long held = ((Number) info.get("engine_bytes")).longValue() + ((Number) info.get("input_bytes")).longValue();
    return new long[] {held, ((Number) info.get("rss_bytes")).longValue()};
  }

  /**
   * The columns' bytes in the table's own layout, read from its zero-copy Arrow export: value
   * width x rows (strings as their 4-byte dictionary codes, booleans as one byte, as the engine
   * stores them) plus one validity bit per cell. Dictionaries (a few KB here) are not counted.
   */
  static long rawColumnBytes(Table t) throws Exception {
    try (View v = t.view(); BufferAllocator alloc = new RootAllocator();
         CDataDictionaryProvider dicts = new CDataDictionaryProvider();
         VectorSchemaRoot root = v.toVectorSchemaRoot(alloc, ViewWindow.all(), dicts)) {
      long rows = root.getRowCount();
      long bytes = 0;
      for (org.apache.arrow.vector.FieldVector f : root.getFieldVectors()) {
        int width = f instanceof org.apache.arrow.vector.BaseFixedWidthVector
            ? ((org.apache.arrow.vector.BaseFixedWidthVector) f).getTypeWidth() : 1;
        if (f instanceof org.apache.arrow.vector.BitVector) {
          width = 1;
        }
        bytes += rows * width + (rows + 7) / 8;
      }
      return bytes;
    }
  }

  /** What loading {@code work} leaves resident, against the table's raw column bytes. */
  static Map<String, Object> residentAfter(Work work) throws Exception {
    long[] before = memory();
    Table t = (Table) work.run();
    long[] after = memory();
    Map<String, Object> m = new LinkedHashMap<>();
    long raw = rawColumnBytes(t);
    m.put("raw_column_bytes", raw);
    m.put("held_bytes", after[0] - before[0]);
    m.put("rss_delta_bytes", after[1] - before[1]);
    m.put("held_over_raw", (double) (after[0] - before[0]) / raw);
    m.put("rss_delta_over_raw", (double) (after[1] - before[1]) / raw);
    t.close();
    System.err.printf(Locale.ROOT, "  resident: held %.3fx raw, RSS delta %.3fx raw (raw %d bytes)%n",
        (double) (after[0] - before[0]) / raw, (double) (after[1] - before[1]) / raw, raw);
    return m;
  }

  static Map<String, Object> parallax(Path dir, long n) throws Exception {
    Map<String, Object> res = new LinkedHashMap<>();
    Path arrowFile = dir.resolve("trades_" + n + ".arrow");
    Path csvFile = dir.resolve("trades_" + n + ".csv");
    byte[] arrow = Files.readAllBytes(arrowFile);
    byte[] csvBytes = Files.readAllBytes(csvFile);
    String csv = new String(csvBytes, StandardCharsets.UTF_8);
    TableOptions csvFormat = TableOptions.builder().format(DataFormat.CSV).build();
    // Memory first, while no earlier load has left freed pages for the allocator to reuse
    // (--memory arrow|csv measures one of them alone, for a clean RSS delta in a fresh process).
    if (memoryOnly == null || memoryOnly.equals("arrow")) {
      res.put("memory_arrow", residentAfter(() -> Parallax.table(arrow)));
    }
    if (memoryOnly == null || memoryOnly.equals("csv")) {
      res.put("memory_csv", residentAfter(() -> Parallax.table(csv)));
    }
    if (memoryOnly != null) {
      return res;
    }
    res.put("load_arrow", time("[" + n + "] parallax load_arrow", () -> Parallax.table(arrow), t -> ((Table) t).close()));
    res.put("load_csv", time("[" + n + "] parallax load_csv", () -> Parallax.table(csv), t -> ((Table) t).close()));
    res.put("load_csv_bytes", time("[" + n + "] parallax load_csv_bytes", () -> Parallax.table(csvBytes, csvFormat), t -> ((Table) t).close()));
    res.put("load_arrow_path", time("[" + n + "] parallax load_arrow_path", () -> Parallax.table(arrowFile), t -> ((Table) t).close()));
    res.put("load_csv_path", time("[" + n + "] parallax load_csv_path", () -> Parallax.table(csvFile), t -> ((Table) t).close()));
    System.gc();
    Table table = Parallax.table(arrow);
    res.put("memory_after_load", Parallax.systemInfo());
    res.put("rows", table.size());
    if (loadsOnly) {
      try (View full = table.view(); BufferAllocator alloc = new RootAllocator()) {
        res.put("to_arrow", time("[" + n + "] parallax to_arrow", full::toArrow, null));
        res.put("zero_copy_export", zeroCopyExport(n, full, alloc));
      }
      table.close();
      return res;
    }
    try (View full = table.view(); BufferAllocator alloc = new RootAllocator()) {
      res.put("to_arrow", time("[" + n + "] parallax to_arrow", full::toArrow, null));
      res.put("zero_copy_export", zeroCopyExport(n, full, alloc));
    }
    for (Map.Entry<String, Map<String, Object>> q : QUERIES.entrySet()) {
      String name = q.getKey();
      res.put(name, time("[" + n + "] parallax " + name, () -> {
        View v = table.view(q.getValue());
        if (name.equals("sort_notional_top100")) v.toColumns(ViewWindow.rows(0, 100));
        else if (name.equals("filter_venue_qty")) v.toArrow();
        else v.toColumns();
        return v;
      }, v -> ((View) v).close()));
    }
    table.close();
    return res;
  }

  /** {@code View.toVectorSchemaRoot} of the whole table, dictionary-encoded (no decoding). */
  static Map<String, Object> zeroCopyExport(long n, View full, BufferAllocator alloc) {
    return time("[" + n + "] parallax zero_copy_export", () -> {
      CDataDictionaryProvider dicts = new CDataDictionaryProvider();
      VectorSchemaRoot root = full.toVectorSchemaRoot(alloc, ViewWindow.all(), dicts);
      return new AutoCloseable[] {root, dicts};
    }, o -> {
      for (AutoCloseable c : (AutoCloseable[]) o) c.close();
    });
  }

  static Map<String, Object> duckdb(Path dir, long n) throws Exception {
    Map<String, Object> res = new LinkedHashMap<>();
    byte[] arrow = Files.readAllBytes(dir.resolve("trades_" + n + ".arrow"));
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
         BufferAllocator alloc = new RootAllocator()) {
      try (Statement s = conn.createStatement()) {
        s.execute("SET threads = " + Parallax.numCpus());
      }
      Method register = conn.getClass().getMethod("registerArrowStream", String.class, Object.class);
      res.put("load_arrow", time("[" + n + "] duckdb load_arrow", () -> {
        // DuckDB scans a C ArrowArrayStream; the stream is consumed by the CREATE.
        try (ArrowFileReader reader = new ArrowFileReader(
                new SeekableReadChannel(new ByteArrayReadableSeekableByteChannel(arrow)), alloc);
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(alloc)) {
          Data.exportArrayStream(alloc, reader, stream);
          register.invoke(conn, "src", stream);
          try (Statement s = conn.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM src");
          }
        }
        return null;
      }, null));
      String csvPath = dir.resolve("trades_" + n + ".csv").toAbsolutePath().toString();
      res.put("load_csv", time("[" + n + "] duckdb load_csv", () -> {
        try (Statement s = conn.createStatement()) {
          s.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('" + csvPath + "')");
        }
        return null;
      }, null));
      res.put("to_arrow", time("[" + n + "] duckdb to_arrow", () -> arrowOf(conn, alloc, "SELECT * FROM t"), null));
      for (String name : QUERIES.keySet()) {
        String sql = SQL.get(name);
        res.put(name, time("[" + n + "] duckdb " + name, () -> name.equals("filter_venue_qty")
            ? arrowOf(conn, alloc, sql) : rowsOf(conn, sql), null));
      }
    }
    return res;
  }

  /** Reads every row through JDBC, touching every value (what a JVM caller of a query does). */
  static long rowsOf(Connection conn, String sql) throws Exception {
    long cells = 0;
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int cols = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int c = 1; c <= cols; c++) if (rs.getObject(c) != null) cells++;
      }
    }
    return cells;
  }

  /** Materialises the result as Arrow batches (DuckDB's fastest export to the JVM). */
  static long arrowOf(Connection conn, BufferAllocator alloc, String sql) throws Exception {
    long rows = 0;
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      Method export = rs.getClass().getMethod("arrowExportStream", Object.class, long.class);
      try (ArrowReader reader = (ArrowReader) export.invoke(rs, alloc, 1L << 20)) {
        while (reader.loadNextBatch()) rows += reader.getVectorSchemaRoot().getRowCount();
      }
    }
    return rows;
  }

  /** {@code --loads}: memory, the load workloads, to_arrow and the zero-copy export only. */
  private static boolean loadsOnly;
  /** {@code --memory arrow|csv}: only the resident-memory measurement of that load. */
  private static String memoryOnly;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    boolean withDuck = List.of(args).contains("--duckdb");
    loadsOnly = List.of(args).contains("--loads");
    int m = List.of(args).indexOf("--memory");
    memoryOnly = m >= 0 && m + 1 < args.length ? args[m + 1] : null;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("threads", Parallax.numCpus());
    out.put("java", System.getProperty("java.version"));
    Map<String, Object> sizes = new LinkedHashMap<>();
    for (String s : args[1].split(",")) {
      long n = Long.parseLong(s);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("parallax", parallax(dir, n));
      if (withDuck) entry.put("duckdb", duckdb(dir, n));
      sizes.put(s, entry);
    }
    out.put("sizes", sizes);
    System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
  }
}
