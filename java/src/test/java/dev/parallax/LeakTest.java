package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Native handles and Arrow buffers are all released (see also the base class's checks). */
class LeakTest extends ParallaxTestBase {
  @Test
  void thousandsOfViewsOpenAndClose() {
    Table t = sample();
    long start = NativeHandle.liveCount();
    for (int i = 0; i < 5000; i++) {
      try (View v = t.view(ViewConfig.builder().columns(i % 2 == 0 ? "x" : "y").build())) {
        v.numRows();
      }
    }
    assertEquals(start, NativeHandle.liveCount());
    assertEquals(0, t.viewCount());
  }

  @Test
  void viewsLeftOpenAreClosedWithTheirTable() {
    Table t = sample();
    long start = NativeHandle.liveCount();
    for (int i = 0; i < 1000; i++) {
      t.view();
    }
    assertEquals(start + 1000, NativeHandle.liveCount());
    assertEquals(1000, t.viewCount());
    t.close();
    assertEquals(start - 1, NativeHandle.liveCount());
  }

  @Test
  void thousandsOfTablesOpenAndClose() {
    long start = NativeHandle.liveCount();
    for (int i = 0; i < 2000; i++) {
      try (Table t = client.table(map("x", List.of(i)))) {
        t.view().close();
      }
    }
    assertEquals(start, NativeHandle.liveCount());
    assertEquals(List.of(), server.getHostedTableNames());
  }

  @Test
  void arrowRootsReleaseEverything() {
    Table t = sample();
    try (View v = t.view()) {
      for (int i = 0; i < 200; i++) {
        try (VectorSchemaRoot root = v.toVectorSchemaRoot(allocator)) {
          assertEquals(3, root.getRowCount());
        }
        try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
            VectorSchemaRoot root = v.toVectorSchemaRoot(allocator, ViewWindow.all(), dictionaries)) {
          assertEquals(3, root.getRowCount());
        }
        v.toArrow();
      }
    }
    assertEquals(0, allocator.getAllocatedMemory());
  }

  @Test
  void concurrentReadersAndACloseNeverTouchFreedMemory() throws Exception {
    Table t = sample();
    View v = t.view();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        readers.add(pool.submit(() -> {
          int reads = 0;
          while (true) {
            try {
              v.toColumns();
              reads++;
            } catch (ParallaxStateException closed) {
              return reads;
            }
          }
        }));
      }
      Thread.sleep(100);
      v.close();
      for (Future<Integer> r : readers) {
        r.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, t.viewCount());
  }
}
