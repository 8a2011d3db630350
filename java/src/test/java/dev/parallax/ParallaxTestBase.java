package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every test gets its own server, client and Arrow allocator, and must leave no native handle
 * and no Arrow memory behind: {@link #checkLeaks()} closes the server, then asserts that the
 * live-handle count is back to its start value and the allocator is empty.
 */
abstract class ParallaxTestBase {
  protected Server server;
  protected Client client;
  protected RootAllocator allocator;
  private long handlesAtStart;

  @BeforeEach
  void openServer() {
    handlesAtStart = NativeHandle.liveCount();
    server = new Server();
    client = server.newLocalClient();
    allocator = new RootAllocator();
  }

  @AfterEach
  void checkLeaks() {
    server.close();
    assertEquals(handlesAtStart, NativeHandle.liveCount(), "native handles left open");
    assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory left allocated");
    allocator.close();
  }

  /** An ordered map from alternating keys and values. */
  protected static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** A small unindexed table loaded from JSON columns: x = 1, 2, 3 and y = a, b, c. */
  protected Table sample() {
    return client.table(map("x", List.of(1, 2, 3), "y", List.of("a", "b", "c")));
  }

  /** A small table indexed on x, loaded from JSON columns: x = 1, 2, 3 and y = a, b, c. */
  protected Table indexedSample() {
    return client.table(map("x", List.of(1, 2, 3), "y", List.of("a", "b", "c")), TableOptions.builder().index("x").build());
  }
}
