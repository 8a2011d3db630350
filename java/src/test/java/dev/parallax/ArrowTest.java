package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.junit.jupiter.api.Test;

/** Arrow in (IPC stream and file, roots) and out (zero-copy roots, IPC bytes). */
class ArrowTest extends ParallaxTestBase {
  private static final long DAY_MS = 86_400_000L;
  private static final LocalDate D0 = LocalDate.of(2024, 1, 2);
  private static final Instant T0 = Instant.parse("2024-01-02T03:04:05.123Z");

  /** Every type, nulls included, loaded from JSON columns (types inferred by the engine). */
  private Table typed() {
    return client.table(map(
        "i", Arrays.asList(1, 2, null),
        "f", Arrays.asList(1.5, null, -2.25),
        "s", Arrays.asList("a", null, "b"),
        "b", Arrays.asList(true, false, null),
        "d", Arrays.asList(D0, null, D0.plusDays(1)),
        "dt", Arrays.asList(T0, T0.plusMillis(1), null)));
  }

  @Test
  void zeroCopyRootHasTheViewsValues() {
    Table t = typed();
    assertEquals(Map.of("i", ColumnType.INTEGER, "f", ColumnType.FLOAT, "s", ColumnType.STRING,
        "b", ColumnType.BOOLEAN, "d", ColumnType.DATE, "dt", ColumnType.DATETIME), t.schema());
    try (View v = t.view(); VectorSchemaRoot root = v.toVectorSchemaRoot(allocator)) {
      assertEquals(3, root.getRowCount());
      IntVector i = (IntVector) root.getVector("i");
      assertEquals(1, i.get(0));
      assertEquals(2, i.get(1));
      assertTrue(i.isNull(2));
      Float8Vector f = (Float8Vector) root.getVector("f");
      assertEquals(1.5, f.get(0));
      assertTrue(f.isNull(1));
      assertEquals(-2.25, f.get(2));
      VarCharVector s = (VarCharVector) root.getVector("s");
      assertEquals("a", s.getObject(0).toString());
      assertTrue(s.isNull(1));
      assertEquals("b", s.getObject(2).toString());
      BitVector b = (BitVector) root.getVector("b");
      assertEquals(1, b.get(0));
      assertEquals(0, b.get(1));
      assertTrue(b.isNull(2));
      DateDayVector d = (DateDayVector) root.getVector("d");
      assertEquals(D0.toEpochDay(), d.get(0));
      assertTrue(d.isNull(1));
      assertEquals(D0.plusDays(1).toEpochDay(), d.get(2));
      TimeStampMilliVector dt = (TimeStampMilliVector) root.getVector("dt");
      assertEquals(T0.toEpochMilli(), dt.get(0));
      assertEquals(T0.toEpochMilli() + 1, dt.get(1));
      assertTrue(dt.isNull(2));
    }
  }

  @Test
  void dictionaryRootKeepsStringsEncoded() {
    Table t = typed();
    try (View v = t.view(ViewConfig.builder().columns("s").build());
        CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
        VectorSchemaRoot root = v.toVectorSchemaRoot(allocator, ViewWindow.all(), dictionaries)) {
      FieldVector codes = root.getVector("s");
      DictionaryEncoding encoding = codes.getField().getDictionary();
      assertNotNull(encoding, "strings are dictionary-encoded");
      try (VarCharVector decoded = (VarCharVector) DictionaryEncoder.decode(codes, dictionaries.lookup(encoding.getId()))) {
        assertEquals("a", decoded.getObject(0).toString());
        assertNull(decoded.getObject(1));
        assertEquals("b", decoded.getObject(2).toString());
      }
    }
  }

  @Test
  void windowedRoot() {
    Table t = typed();
    try (View v = t.view();
        VectorSchemaRoot root = v.toVectorSchemaRoot(allocator, ViewWindow.builder().startRow(1).endRow(3).startCol(0).endCol(2).build())) {
      assertEquals(2, root.getRowCount());
      assertEquals(List.of("i", "f"), root.getSchema().getFields().stream().map(x -> x.getName()).toList());
      assertEquals(2, ((IntVector) root.getVector("i")).get(0));
    }
  }

  @Test
  void ipcBytesRoundTrip() throws IOException {
    Table t = typed();
    byte[] ipc;
    Map<String, List<Object>> expected;
    try (View v = t.view()) {
      ipc = v.toArrow();
      expected = v.toColumns();
    }
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator)) {
      assertTrue(reader.loadNextBatch());
      assertEquals(3, reader.getVectorSchemaRoot().getRowCount());
    }
    try (Table copy = client.table(ipc); View v = copy.view()) {
      assertEquals(t.schema(), copy.schema());
      assertEquals(expected, v.toColumns());
    }
  }

  /** Two batches: ids 0..2 then 3..4. */
  private VectorSchemaRoot twoColumnRoot(int from, int to) {
    IntVector id = new IntVector("id", allocator);
    VarCharVector name = new VarCharVector("name", allocator);
    VectorSchemaRoot root = VectorSchemaRoot.of(id, name);
    root.allocateNew();
    for (int r = 0; r < to - from; r++) {
      id.setSafe(r, from + r);
      name.setSafe(r, ("n" + (from + r)).getBytes(StandardCharsets.UTF_8));
    }
    root.setRowCount(to - from);
    return root;
  }

  private static void copyInto(VectorSchemaRoot target, VectorSchemaRoot source) {
    for (int c = 0; c < source.getFieldVectors().size(); c++) {
      FieldVector from = source.getVector(c);
      FieldVector to = target.getVector(c);
      for (int r = 0; r < source.getRowCount(); r++) {
        to.copyFromSafe(r, r, from);
      }
    }
    target.setRowCount(source.getRowCount());
  }

  private byte[] ipc(boolean fileFormat) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VectorSchemaRoot root = twoColumnRoot(0, 0);
        VectorSchemaRoot a = twoColumnRoot(0, 3);
        VectorSchemaRoot b = twoColumnRoot(3, 5)) {
      if (fileFormat) {
        try (ArrowFileWriter w = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
          w.start();
          copyInto(root, a);
          w.writeBatch();
          copyInto(root, b);
          w.writeBatch();
          w.end();
        }
      } else {
        try (ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
          w.start();
          copyInto(root, a);
          w.writeBatch();
          copyInto(root, b);
          w.writeBatch();
          w.end();
        }
      }
    }
    return out.toByteArray();
  }

  private static final Map<String, List<Object>> FIVE_ROWS = Map.of(
      "id", List.of(0L, 1L, 2L, 3L, 4L),
      "name", List.of("n0", "n1", "n2", "n3", "n4"));

  @Test
  void ipcStreamInputWithSeveralBatches() throws IOException {
    try (Table t = client.table(ipc(false)); View v = t.view()) {
      assertEquals(5, t.size());
      assertEquals(List.of("id", "name"), t.columns());
      assertEquals(FIVE_ROWS, v.toColumns());
    }
  }

  @Test
  void ipcFileInputIsDetectedByItsMagic() throws IOException {
    byte[] file = ipc(true);
    assertEquals("ARROW1", new String(file, 0, 6, StandardCharsets.US_ASCII));
    try (Table t = client.table(file); View v = t.view()) {
      assertEquals(FIVE_ROWS, v.toColumns());
    }
  }

  @Test
  void vectorSchemaRootInputIsNotConsumed() {
    try (VectorSchemaRoot first = twoColumnRoot(0, 3); VectorSchemaRoot second = twoColumnRoot(3, 5)) {
      Table t = client.table(first, TableOptions.builder().index("id").build());
      t.update(second);
      assertEquals(3, first.getRowCount());
      assertEquals(2, ((IntVector) first.getVector("id")).get(2));
      try (View v = t.view()) {
        assertEquals(FIVE_ROWS, v.toColumns());
      }
      t.replace(second);
      assertEquals(2, t.size());
    }
  }

  @Test
  void ipcUpdateAndReplace() throws IOException {
    Table t = client.table(map("id", "integer", "name", "string"));
    t.update(ipc(false));
    t.update(ipc(true));
    assertEquals(10, t.size());
    t.replace(ipc(false));
    try (View v = t.view()) {
      assertEquals(FIVE_ROWS, v.toColumns());
    }
  }

  @Test
  void datesGoInAsIsoText() {
    LocalDateTime local = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000);
    Table t = client.table(map("dt", "datetime", "d", "date"));
    t.update(List.of(
        map("dt", local, "d", D0),
        map("dt", T0, "d", java.sql.Date.valueOf(D0)),
        map("dt", java.util.Date.from(T0), "d", null),
        map("dt", java.sql.Timestamp.from(T0), "d", null),
        map("dt", local.atOffset(ZoneOffset.UTC), "d", null)));
    try (View v = t.view()) {
      Map<String, List<Object>> cols = v.toColumns();
      long ms = T0.toEpochMilli();
      assertEquals(List.of(ms, ms, ms, ms, ms), cols.get("dt"));
      assertEquals(Arrays.asList(D0.toEpochDay() * DAY_MS, D0.toEpochDay() * DAY_MS, null, null, null), cols.get("d"));
    }
  }

  @Test
  void ipcOutputStartsWithAStreamHeader() {
    Table t = typed();
    try (View v = t.view()) {
      byte[] a = v.toArrow();
      byte[] b = v.toArrow(ViewWindow.all());
      assertArrayEquals(a, b);
      assertTrue(a.length > 8);
    }
  }

  /**
   * Outputs below {@link ArrowBridge#ONE_PASS_IPC_BYTES} are written once into a growing array,
   * larger ones twice into an exact array: both give exactly the bytes of a plain
   * {@code ArrowStreamWriter} over the same root and dictionaries.
   */
  @Test
  void ipcBytesAreTheSameOnBothSidesOfTheOnePassThreshold() throws IOException {
    int big = (int) (ArrowBridge.ONE_PASS_IPC_BYTES / 8) + 1000; // two 8-byte columns: over the threshold
    StringBuilder csv = new StringBuilder("k,x,s\n");
    for (int i = 0; i < big; i++) {
      csv.append(i).append(',').append(i * 0.5).append(",s").append(i % 5).append('\n');
    }
    Table t = client.table(csv.toString());
    try (View v = t.view()) {
      for (int rows : new int[] {10, big}) {
        ViewWindow w = ViewWindow.rows(0, rows);
        byte[] expected;
        long buffers = 0;
        try (CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
            VectorSchemaRoot root = ((LocalView) v).toVectorSchemaRoot(ArrowBridge.allocator(), w, dictionaries)) {
          for (FieldVector f : root.getFieldVectors()) {
            buffers += f.getBufferSize();
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          try (ArrowStreamWriter writer = new ArrowStreamWriter(root, dictionaries, Channels.newChannel(out))) {
            writer.start();
            writer.writeBatch();
            writer.end();
          }
          expected = out.toByteArray();
        }
        assertEquals(rows == 10, buffers < ArrowBridge.ONE_PASS_IPC_BYTES, rows + " rows: " + buffers + " buffer bytes");
        assertArrayEquals(expected, v.toArrow(w));
      }
    }
  }
}
