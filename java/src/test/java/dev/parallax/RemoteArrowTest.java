package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.junit.jupiter.api.Test;

/**
 * Arrow outputs of remote views (a {@link Client#websocket} client of an in-process Netty
 * server) equal the local view's, string columns included, and leave no Arrow memory or native
 * handle behind; and {@code replace} with plain-Utf8 Arrow data keeps the table's column order,
 * locally and remotely.
 */
class RemoteArrowTest extends WebSocketTestBase {
  private Table trades() {
    return client.table(map("id", List.of(1, 2, 3, 4, 5), "sym", List.of("b", "a", "b", "c", "a"),
        "venue", java.util.Arrays.asList("X", null, "Y", "X", "Y"), "qty", List.of(10, 20, 30, 40, 50)),
        TableOptions.builder().name("trades").index("id").build());
  }

  /** Column name to values, strings read through {@code dictionaries} when encoded. */
  private static Map<String, List<Object>> values(VectorSchemaRoot root, DictionaryProvider dictionaries) {
    Map<String, List<Object>> out = new java.util.LinkedHashMap<>();
    for (FieldVector v : root.getFieldVectors()) {
      DictionaryEncoding encoding = v.getField().getDictionary();
      List<Object> col = new ArrayList<>();
      for (int i = 0; i < root.getRowCount(); i++) {
        Object value = v.getObject(i);
        if (encoding != null && value != null) {
          assertNotNull(dictionaries, "column " + v.getName() + " is dictionary-encoded");
          Dictionary d = dictionaries.lookup(encoding.getId());
          assertNotNull(d, "dictionary of " + v.getName());
          value = d.getVector().getObject(((Number) value).intValue());
        }
        col.add(value == null ? null : value.toString());
      }
      out.put(v.getName(), col);
    }
    return out;
  }

  @Test
  void remoteRootsWithStringColumnsEqualTheLocalOnes() {
    Table local = trades();
    List<Map<String, Object>> configs = List.of(
        Map.of(),
        Map.of("group_by", List.of("sym"), "columns", List.of("venue", "qty")),
        Map.of("group_by", List.of("sym"), "split_by", List.of("venue"), "columns", List.of("qty")),
        Map.of("sort", List.of(List.of("sym", "desc")), "filter", List.of(List.of("qty", ">", 10))));
    try (Client remote = Client.websocket(url)) {
      Table t = remote.openTable("trades");
      for (Map<String, Object> config : configs) {
        for (ViewWindow window : List.of(ViewWindow.all(), ViewWindow.rows(1, 3))) {
          try (View lv = local.view(config); View rv = t.view(config)) {
            Map<String, List<Object>> expected;
            try (VectorSchemaRoot root = lv.toVectorSchemaRoot(allocator, window)) {
              expected = values(root, null);
            }
            try (VectorSchemaRoot root = rv.toVectorSchemaRoot(allocator, window)) {
              for (FieldVector v : root.getFieldVectors()) {
                assertNull(v.getField().getDictionary(), "decoded root: " + v.getName());
              }
              assertEquals(expected, values(root, null), config + " " + window);
            }
            try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
                VectorSchemaRoot root = rv.toVectorSchemaRoot(allocator, window, dictionaries)) {
              assertEquals(expected, values(root, dictionaries), config + " " + window);
              if (config.isEmpty()) {
                assertNotNull(root.getVector("sym").getField().getDictionary(), "strings stay encoded");
                assertEquals(root.getSchema(), localSchema(lv, window));
              }
            }
          }
        }
      }
    }
  }

  private org.apache.arrow.vector.types.pojo.Schema localSchema(View v, ViewWindow window) {
    try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
        VectorSchemaRoot root = v.toVectorSchemaRoot(allocator, window, dictionaries)) {
      return root.getSchema();
    }
  }

  @Test
  void remoteDictionaryRootsSurviveLaterUpdates() {
    Table local = trades();
    try (Client remote = Client.websocket(url);
        View rv = remote.openTable("trades").view(Map.of("columns", List.of("sym")));
        CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
        VectorSchemaRoot root = rv.toVectorSchemaRoot(allocator, ViewWindow.all(), dictionaries)) {
      local.update(List.of(map("id", 1, "sym", "zz")));
      assertEquals(List.of("b", "a", "b", "c", "a"), values(root, dictionaries).get("sym"));
      assertEquals(List.of("zz", "a", "b", "c", "a"), rv.toColumns().get("sym"));
    }
  }

  /**
   * A root of columns x (plain Utf8) and y (int, or plain Utf8 when {@code stringY}), in
   * {@code order}; the caller closes it.
   */
  private VectorSchemaRoot plainRoot(List<String> order, int rows, boolean stringY) {
    VarCharVector x = new VarCharVector("x", allocator);
    FieldVector y = stringY ? new VarCharVector("y", allocator) : new IntVector("y", allocator);
    x.allocateNew(rows);
    y.setInitialCapacity(rows);
    y.allocateNew();
    for (int i = 0; i < rows; i++) {
      x.setSafe(i, ("s" + i).getBytes(StandardCharsets.UTF_8));
      if (stringY) {
        ((VarCharVector) y).setSafe(i, ("t" + (i % 2)).getBytes(StandardCharsets.UTF_8));
      } else {
        ((IntVector) y).setSafe(i, i * 10);
      }
    }
    List<FieldVector> vectors = new ArrayList<>();
    for (String name : order) {
      vectors.add(name.equals("x") ? x : y);
    }
    VectorSchemaRoot root = new VectorSchemaRoot(vectors);
    root.setRowCount(rows);
    return root;
  }

  /** Arrow IPC stream bytes of {@link #plainRoot}. */
  private byte[] plainUtf8(List<String> order, int rows, boolean stringY) throws Exception {
    try (VectorSchemaRoot root = plainRoot(order, rows, stringY)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(bytes))) {
        w.start();
        w.writeBatch();
        w.end();
      }
      return bytes.toByteArray();
    }
  }

  private static void assertOrder(Table t, List<String> expected) {
    assertEquals(expected, t.columns(), "table columns");
    assertEquals(expected, new ArrayList<>(t.schema().keySet()), "table schema");
    try (View v = t.view()) {
      assertEquals(expected, v.columnPaths(), "view columns");
      assertEquals(expected, new ArrayList<>(v.toColumns().keySet()), "to_columns");
      assertEquals(expected, new ArrayList<>(v.schema().keySet()), "view schema");
    }
  }

  @Test
  void replaceWithPlainUtf8ArrowKeepsTheColumnOrder() throws Exception {
    List<String> xy = List.of("x", "y");
    List<String> yx = List.of("y", "x");
    try (Client remote = Client.websocket(url)) {
      for (boolean stringY : new boolean[] {false, true}) {
        // Created from JSON columns, from Arrow in either column order, indexed or not.
        List<Table> tables = List.of(
            client.table(map("x", List.of("a", "b"), "y", stringY ? List.of("u", "v") : List.of(1, 2)),
                TableOptions.builder().name("json" + stringY).build()),
            client.table(plainUtf8(xy, 2, stringY), TableOptions.builder().name("arrow" + stringY).build()),
            client.table(plainUtf8(yx, 2, stringY), TableOptions.builder().name("arrow_yx" + stringY).build()),
            client.table(plainUtf8(xy, 2, stringY), TableOptions.builder().name("indexed" + stringY).index("x").build()));
        List<List<String>> created = List.of(xy, xy, yx, xy);
        for (int i = 0; i < tables.size(); i++) {
          Table t = tables.get(i);
          List<String> order = created.get(i);
          assertOrder(t, order);
          Table r = remote.openTable(t.getName());
          for (List<String> dataOrder : List.of(xy, yx)) {
            t.replace(plainUtf8(dataOrder, 3, stringY));
            assertEquals(3, t.size());
            assertOrder(t, order);
            try (VectorSchemaRoot root = plainRoot(dataOrder, 5, stringY)) {
              t.replace(root);
              assertEquals(5, t.size());
              assertOrder(t, order);
              r.replace(root);
              assertEquals(5, t.size());
              assertOrder(r, order);
            }
            r.replace(plainUtf8(dataOrder, 4, stringY));
            assertEquals(4, t.size());
            assertOrder(t, order);
            assertOrder(r, order);
          }
        }
      }
    }
  }

  private static boolean hasLz4Frame(byte[] bytes) {
    for (int i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] == 0x04 && bytes[i + 1] == 0x22 && bytes[i + 2] == 0x4d && bytes[i + 3] == 0x18) {
        return true;
      }
    }
    return false;
  }

  private Map<String, List<Object>> decoded(byte[] ipc) {
    try (VectorSchemaRoot root = RemoteView.decode(allocator, ipc)) {
      return values(root, null);
    }
  }

  @Test
  void lz4ToArrowLocallyAndRemotely() {
    StringBuilder csv = new StringBuilder("id,sym,qty\n");
    for (int i = 0; i < 2000; i++) {
      csv.append(i).append(",s").append(i % 7).append(',').append(i % 10).append('\n');
    }
    Table local = client.table(csv.toString(), TableOptions.builder().name("big").index("id").build());
    ViewWindow lz4 = ViewWindow.builder().compression("lz4").build();
    try (Client remote = Client.websocket(url);
        View lv = local.view();
        View rv = remote.openTable("big").view()) {
      byte[] plain = lv.toArrow();
      assertEquals(false, hasLz4Frame(plain));
      Map<String, List<Object>> expected = decoded(plain);
      for (View v : List.of(lv, rv)) {
        byte[] compressed = v.toArrow(lz4);
        assertEquals(true, hasLz4Frame(compressed), v.toString());
        assertEquals(true, compressed.length < plain.length / 2, compressed.length + " vs " + plain.length);
        assertEquals(expected, decoded(compressed));
        try (VectorSchemaRoot root = v.toVectorSchemaRoot(allocator, lz4)) {
          assertEquals(expected, values(root, null));
        }
        // As the reference: other names are ignored (plain IPC), not an error.
        byte[] other = v.toArrow(ViewWindow.builder().compression("zstd").build());
        assertEquals(false, hasLz4Frame(other));
        assertEquals(expected, decoded(other));
      }
      // Compressed IPC loads as table data.
      try (Table copy = client.table(lv.toArrow(ViewWindow.rows(0, 1500).withCompression("lz4")));
          View all = copy.view()) {
        assertEquals(1500, copy.size());
        assertEquals(List.of(1L, 2L, 3L), all.toColumns().get("qty").subList(1, 4).stream()
            .map(x -> ((Number) x).longValue()).toList());
      }
    }
  }
}
