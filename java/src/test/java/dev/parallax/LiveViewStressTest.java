package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Live views under concurrent writers and readers, and their memory: after the threads stop,
 * every live view equals a view created afresh; thousands of views with callbacks leave native
 * memory where it was.
 */
class LiveViewStressTest extends ParallaxTestBase {
  private static final List<Map<String, Object>> CONFIGS = List.of(
      Map.of("group_by", List.of("g"), "columns", List.of("x", "y"), "aggregates", Map.of("x", "sum", "y", "count")),
      Map.of("group_by", List.of("g", "h"), "split_by", List.of("b"), "columns", List.of("x"),
          "aggregates", Map.of("x", "sum")),
      Map.of("group_by", List.of("h"), "columns", List.of("x", "y"), "aggregates", Map.of("x", "avg", "y", "sum"),
          "filter", List.of(List.of("x", ">", 0))),
      Map.of("columns", List.of("id", "g", "x"), "filter", List.of(List.of("y", "<", 50))),
      Map.of("columns", List.of("id", "x"), "sort", List.of(List.of("x", "desc"))));

  private static final String[] GROUPS = {"a", "b", "c", "d", "e", "f"};

  /** Rows with keys below {@code keys}; group columns never null (see LiveViewDifferential). */
  private static List<Map<String, Object>> rows(Random rnd, int n, int keys) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", rnd.nextInt(keys));
      r.put("g", GROUPS[rnd.nextInt(GROUPS.length)]);
      r.put("h", rnd.nextInt(4));
      r.put("b", rnd.nextBoolean());
      r.put("x", rnd.nextInt(8) == 0 ? null : (rnd.nextInt(2001) - 1000) / 4.0);  // exact in binary
      r.put("y", rnd.nextInt(8) == 0 ? null : rnd.nextInt(200) - 100);
      out.add(r);
    }
    return out;
  }

  private Table liveTable(Random rnd, int keys) {
    Map<String, ColumnType> schema = new LinkedHashMap<>();
    schema.put("id", ColumnType.INTEGER);
    schema.put("g", ColumnType.STRING);
    schema.put("h", ColumnType.INTEGER);
    schema.put("b", ColumnType.BOOLEAN);
    schema.put("x", ColumnType.FLOAT);
    schema.put("y", ColumnType.INTEGER);
    Table t = client.table(schema, TableOptions.builder().index("id").build());
    List<Map<String, Object>> all = rows(rnd, keys, keys);
    for (int k = 0; k < keys; k++) {
      all.get(k).put("id", k);  // every key present: later upserts never grow the table
    }
    t.update(all);
    return t;
  }

  @Test
  void concurrentWritersAndReadersLeaveEveryLiveViewEqualToAFreshOne() throws Exception {
    Random seed = new Random(42);
    final int keys = 400;
    Table t = liveTable(seed, keys);
    List<View> live = new ArrayList<>();
    for (Map<String, Object> c : CONFIGS) {
      live.add(t.view(ViewConfig.fromMap(c)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        final long s = 1000 + w;
        jobs.add(pool.submit(() -> {
          Random rnd = new Random(s);
          for (int op = 0; op < 300; op++) {
            if (rnd.nextInt(10) < 8) {
              t.update(rows(rnd, 1 + rnd.nextInt(20), keys));
            } else {
              List<Object> gone = new ArrayList<>();
              for (int k = 0; k < 1 + rnd.nextInt(10); k++) {
                gone.add(rnd.nextInt(keys));
              }
              t.remove(gone);
            }
          }
          return null;
        }));
      }
      for (int r = 0; r < 3; r++) {
        final int offset = r;
        jobs.add(pool.submit(() -> {
          for (int i = 0; i < 400; i++) {
            View v = live.get((i + offset) % live.size());
            v.toColumnsString(ViewWindow.rows(0, 20));
            v.numRows();
          }
          return null;
        }));
      }
      for (Future<?> j : jobs) {
        j.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < CONFIGS.size(); i++) {
      try (View fresh = t.view(ViewConfig.fromMap(CONFIGS.get(i)))) {
        assertEquals(fresh.toColumnsString(), live.get(i).toColumnsString(), CONFIGS.get(i).toString());
      }
    }
    for (View v : live) {
      v.close();
    }
  }

  @Test
  void thousandsOfLiveViewsWithCallbacksLeaveNativeMemoryFlat() {
    Random rnd = new Random(7);
    final int keys = 200;
    Table t = liveTable(rnd, keys);
    // Upserts of existing keys only: the table itself does not grow.
    Runnable cycle = () -> {
      List<View> views = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        View v = t.view(ViewConfig.fromMap(CONFIGS.get(i % CONFIGS.size())));
        v.onUpdate(u -> { }, UpdateMode.ROW);
        v.onUpdate(u -> { });
        v.onDelete(() -> { });
        views.add(v);
      }
      t.update(rows(rnd, 10, keys));
      for (View v : views) {
        v.close();
      }
      t.update(rows(rnd, 1, keys));  // with no view attached the journal is dropped
    };
    cycle.run();
    long handles = NativeHandle.liveCount();
    long before = ((Number) Parallax.systemInfo().get("engine_bytes")).longValue();
    for (int i = 0; i < 100; i++) {  // 2,000 views, 6,000 callbacks
      cycle.run();
    }
    long after = ((Number) Parallax.systemInfo().get("engine_bytes")).longValue();
    assertEquals(handles, NativeHandle.liveCount());
    assertEquals(before, after, "engine bytes after 2,000 live views with callbacks");
    assertEquals(0, t.viewCount());
  }
}
