package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;

/** The live-update API: on_update order, ports, modes, on_delete, batching (poll), async calls. */
class LiveUpdateTest extends ParallaxTestBase {
  private static List<Map<String, Object>> row(int x, String y) {
    return List.of(map("x", x, "y", y));
  }

  @Test
  void listenersRunBeforeUpdateReturnsInViewThenRegistrationOrder() {
    Table t = indexedSample();
    View first = t.view();
    View second = t.view(ViewConfig.builder().groupBy("y").build());
    List<String> calls = new ArrayList<>();
    second.onUpdate(u -> calls.add("second-a:" + u.getPortId()));
    first.onUpdate(u -> calls.add("first-a:" + u.getPortId()));
    first.onUpdate(u -> calls.add("first-b:" + u.getPortId()));
    second.onUpdate(u -> calls.add("second-b:" + u.getPortId()));
    t.update(row(4, "d"));
    assertEquals(List.of("first-a:0", "first-b:0", "second-a:0", "second-b:0"), calls);
    assertEquals(4, first.numRows());
    first.close();
    second.close();
  }

  @Test
  void portsTagNotificationsAndEveryChangeKindButClearNotifies() {
    Table t = indexedSample();
    View v = t.view();
    List<Integer> ports = new ArrayList<>();
    v.onUpdate(u -> ports.add(u.getPortId()));
    int port = t.makePort();
    assertTrue(port > 0);
    t.update(row(5, "e"), UpdateOptions.port(port));
    t.remove(List.of(1), UpdateOptions.port(port));
    t.remove(List.of(999));
    t.replace(List.of(map("x", 9, "y", "z")));
    t.clear();
    assertEquals(List.of(port, port, 0, 0), ports);
    assertEquals(0, t.size());
    v.close();
  }

  @Test
  void aFailedChangeNotifiesNobody() {
    Table t = indexedSample();
    View v = t.view();
    AtomicInteger calls = new AtomicInteger();
    v.onUpdate(u -> calls.incrementAndGet());
    assertThrows(ParallaxException.class, () -> t.update(List.of(map("x", "not a number"))));
    assertEquals(0, calls.get());
    v.close();
  }

  @Test
  void removedAndDeletedListenersNeverFireAgain() {
    Table t = indexedSample();
    View kept = t.view();
    View dropped = t.view();
    AtomicInteger keptCalls = new AtomicInteger();
    AtomicInteger removedCalls = new AtomicInteger();
    AtomicInteger droppedCalls = new AtomicInteger();
    kept.onUpdate(u -> keptCalls.incrementAndGet());
    long id = kept.onUpdate(u -> removedCalls.incrementAndGet());
    dropped.onUpdate(u -> droppedCalls.incrementAndGet());
    t.update(row(4, "d"));
    assertTrue(kept.removeUpdate(id));
    assertFalse(kept.removeUpdate(id));
    dropped.delete();
    t.update(row(5, "e"));
    assertEquals(2, keptCalls.get());
    assertEquals(1, removedCalls.get());
    assertEquals(1, droppedCalls.get());
    kept.close();
  }

  @Test
  void aListenerDeletingItsOwnViewStopsItsLaterListeners() {
    Table t = indexedSample();
    View v = t.view();
    List<String> calls = new ArrayList<>();
    v.onUpdate(u -> {
      calls.add("a");
      v.delete();
    });
    v.onUpdate(u -> calls.add("b"));
    t.update(row(4, "d"));
    assertEquals(List.of("a"), calls);
    assertFalse(v.isOpen());
  }

  @Test
  void aThrowingListenerIsIsolated() {
    Table t = indexedSample();
    View v = t.view();
    List<String> calls = new ArrayList<>();
    v.onUpdate(u -> {
      throw new IllegalStateException("listener bug");
    });
    v.onUpdate(u -> calls.add("second"));
    t.update(row(4, "d"));
    t.update(row(5, "e"));
    assertEquals(List.of("second", "second"), calls);
    assertEquals(5, t.size());
    v.close();
  }

  /** Decodes a row delta's IPC bytes to column name -> values (strings as text). */
  private Map<String, List<Object>> decode(ViewUpdate u) throws Exception {
    assertTrue(u.getDelta().isPresent(), "a ROW-mode update carries a delta");
    Map<String, List<Object>> out = new java.util.LinkedHashMap<>();
    try (ArrowStreamReader r = new ArrowStreamReader(new ByteArrayInputStream(u.getDelta().get()), allocator)) {
      assertTrue(r.loadNextBatch());
      var root = r.getVectorSchemaRoot();
      for (var vec : root.getFieldVectors()) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < root.getRowCount(); ++i) {
          Object o = vec.getObject(i);
          if (vec.getField().getDictionary() != null && o != null) {
            var dict = r.getDictionaryVectors().get(vec.getField().getDictionary().getId()).getVector();
            o = dict.getObject(((Number) o).intValue()).toString();
          }
          values.add(o);
        }
        out.put(vec.getName(), values);
      }
    }
    return out;
  }

  @Test
  void rowModeDeltasCarryTheRowsTheChangeCreatedOrChanged() throws Exception {
    // The reference's rule (cpp/tests/row_delta_test.cpp has the recorded cases): flat views get
    // the touched rows as they now appear, in view order, none on remove; grouped views the rows
    // whose values changed or that are new, without the row path.
    Table t = indexedSample();
    View flat = t.view(ViewConfig.builder().columns("x", "y").build());
    View grouped = t.view(ViewConfig.builder().groupBy("y").columns("x").build());
    List<ViewUpdate> flatUpdates = new ArrayList<>();
    List<ViewUpdate> groupedUpdates = new ArrayList<>();
    flat.onUpdate(flatUpdates::add, UpdateMode.ROW);
    grouped.onUpdate(groupedUpdates::add, UpdateMode.ROW);
    t.update(List.of(map("x", 4, "y", "d"), map("x", 2, "y", "b")));
    assertEquals(Map.of("x", List.of(2, 4), "y", List.of("b", "d")), decode(flatUpdates.get(0)));
    // Total 6 -> 10 and the new group d; group b is unchanged (2 rewritten with the same value).
    assertEquals(Map.of("x", List.of(10L, 4L)), decode(groupedUpdates.get(0)));
    t.remove(List.of(1));
    assertEquals(Map.of("x", List.of(), "y", List.of()), decode(flatUpdates.get(1)));
    assertEquals(Map.of("x", List.of(9L)), decode(groupedUpdates.get(1)));
    flat.close();
    grouped.close();
  }

  @Test
  void arrowListenersGetTheDeltaZeroCopy() {
    Table t = indexedSample();
    View v = t.view(ViewConfig.builder().columns("x").build());
    List<Integer> rowCounts = new ArrayList<>();
    List<Object> firstValues = new ArrayList<>();
    v.onUpdateArrow((port, root, dictionaries) -> {
      rowCounts.add(root.getRowCount());
      firstValues.add(root.getRowCount() > 0 ? root.getVector("x").getObject(0) : null);
    });
    t.update(List.of(map("x", 7, "y", "q")));
    assertEquals(List.of(1), rowCounts);
    assertEquals(List.of(7), firstValues);
    v.close();
  }

  @Test
  void viewAndTableOnDeleteFireOnceAndLazyDeleteWaitsForTheLastView() {
    Table t = indexedSample();
    View v = t.view();
    List<String> events = new ArrayList<>();
    v.onDelete(() -> events.add("view"));
    long removed = v.onDelete(() -> events.add("removed"));
    assertTrue(v.removeDelete(removed));
    t.onDelete(() -> events.add("table"));
    assertThrows(ParallaxStateException.class, t::delete);
    t.delete(true);
    assertTrue(t.isOpen());
    assertThrows(ParallaxStateException.class, t::view);
    v.delete();
    assertEquals(List.of("view", "table"), events);
    assertFalse(t.isOpen());
    assertFalse(server.getHostedTableNames().contains(t.getName()));
  }

  @Test
  void hostedTableCallbacksFireOnCreateAndDelete() {
    AtomicInteger calls = new AtomicInteger();
    long id = client.onHostedTablesUpdate(calls::incrementAndGet);
    Table t = sample();
    t.delete();
    assertEquals(2, calls.get());
    assertTrue(client.removeHostedTablesUpdate(id));
    sample();
    assertEquals(2, calls.get());
  }

  @Test
  void pollModeHoldsNotificationsAndCoalescesThemPerPort() {
    AtomicInteger pollRequests = new AtomicInteger();
    try (Server batching = new Server(pollRequests::incrementAndGet)) {
      Table t = batching.newLocalClient().table(map("x", List.of(1, 2), "y", List.of("a", "b")), TableOptions.builder().index("x").build());
      View v = t.view();
      List<Integer> ports = new ArrayList<>();
      v.onUpdate(u -> ports.add(u.getPortId()));
      int port = t.makePort();
      t.update(row(3, "c"));
      t.update(row(4, "d"));
      t.update(row(5, "e"), UpdateOptions.port(port));
      assertEquals(List.of(), ports);
      assertEquals(5, t.size());
      assertEquals(1, pollRequests.get());
      batching.poll();
      assertEquals(List.of(0, port), ports);
      batching.poll();
      assertEquals(2, ports.size());
      t.update(row(6, "f"));
      assertEquals(2, pollRequests.get());
      batching.poll();
      assertEquals(List.of(0, port, 0), ports);
    }
  }

  @Test
  void asyncClientRunsCallsInOrder() throws Exception {
    try (AsyncClient async = AsyncClient.wrap(server.newLocalClient())) {
      AsyncTable t = async.table(map("x", List.of(1, 2, 3)), TableOptions.builder().index("x").build()).get();
      CompletableFuture<Void> update = t.update(List.of(map("x", 4)));
      CompletableFuture<Long> size = t.size();
      AsyncView v = t.view().get();
      assertEquals(4L, size.get());
      assertTrue(update.isDone());
      assertEquals(List.of(1L, 2L, 3L, 4L), v.toColumns().get().get("x"));
      v.delete().get();
      CompletableFuture<Void> bad = t.update("not,a\ncsv,for,this");
      assertThrows(Exception.class, bad::get);
      assertEquals(4L, t.size().get());
    }
  }

  @Test
  void engineThreadsAndSystemInfo() {
    int before = Parallax.numCpus();
    try {
      Parallax.setNumCpus(1);
      assertEquals(1, Parallax.numCpus());
      assertThrows(InvalidInputException.class, () -> Parallax.setNumCpus(0));
    } finally {
      Parallax.setNumCpus(before);
    }
    Map<String, Object> info = client.systemInfo();
    for (String key : List.of("engine_bytes", "rss_bytes", "cpu_time_ms", "threads")) {
      assertTrue(info.get(key) instanceof Number, key + " in " + info);
    }
  }

  @Test
  void replicaFollowsItsSourceView() {
    Table source = indexedSample();
    View view = source.view();
    Table replica = client.table(view, TableOptions.builder().name("replica").build());
    assertEquals(source.size(), replica.size());
    assertEquals(java.util.Optional.of("x"), replica.getIndex());
    source.update(List.of(map("x", 2, "y", "B"), map("x", 7, "y", "g")));
    try (View r = replica.view()) {
      assertEquals(view.toColumns(), r.toColumns());
    }
    replica.close();
    view.close();
  }
}
