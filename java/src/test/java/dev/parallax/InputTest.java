package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text and file inputs: CSV as a {@code String}, as UTF-8 {@code byte[]} and as a {@link Path};
 * Arrow IPC and JSON files; the native memory they pass through is freed again.
 */
class InputTest extends ParallaxTestBase {
  private static final String CSV = "id,name,px\n1,alpha,1.5\n2,béta,2.5\n3,\uD83D\uDE00,3.5\n";

  @TempDir
  Path dir;

  private static Map<String, List<Object>> columns(Table t) {
    try (View v = t.view()) {
      return v.toColumns();
    }
  }

  private static long inputBytes() {
    return ((Number) Parallax.systemInfo().get("input_bytes")).longValue();
  }

  @Test
  void csvAsStringBytesAndPathLoadTheSameTable() throws IOException {
    Path file = Files.writeString(dir.resolve("t.csv"), CSV, StandardCharsets.UTF_8);
    Table fromString = client.table(CSV);
    Table fromBytes = client.table(CSV.getBytes(StandardCharsets.UTF_8), TableOptions.builder().format(DataFormat.CSV).build());
    Table fromPath = client.table(file);
    Map<String, List<Object>> expected = columns(fromString);
    assertEquals(List.of("alpha", "béta", "\uD83D\uDE00"), expected.get("name"));
    assertEquals(expected, columns(fromBytes));
    assertEquals(expected, columns(fromPath));
    fromPath.update(file);
    assertEquals(6, fromPath.size());
    fromPath.replace(file);
    assertEquals(3, fromPath.size());
  }

  @Test
  void longNonAsciiStringsAreEncodedWholeAcrossChunks() {
    // More than one 256K-char encoding chunk, with surrogate pairs on every chunk boundary.
    StringBuilder sb = new StringBuilder("s\n");
    List<Object> want = new ArrayList<>();
    String[] cells = {"\uD83D\uDE00x", "é", "plain", "\uD83C\uDF89\uD83C\uDF89"};
    for (int i = 0; sb.length() < 600_000; i++) {
      String c = cells[i % cells.length] + i;
      sb.append(c).append('\n');
      want.add(c);
    }
    Table t = client.table(sb.toString());
    assertEquals(want, columns(t).get("s"));
  }

  @Test
  void arrowAndJsonFilesLoadByExtension() throws IOException {
    Table source = client.table(CSV);
    byte[] arrow;
    try (View v = source.view()) {
      arrow = v.toArrow();
    }
    Map<String, List<Object>> expected = columns(source);
    Path arrowFile = Files.write(dir.resolve("t.arrow"), arrow);
    assertEquals(expected, columns(client.table(arrowFile)));
    Path noExtension = Files.write(dir.resolve("t.bin"), arrow);
    assertEquals(expected, columns(client.table(noExtension, TableOptions.builder().format(DataFormat.ARROW).build())));
    Path json = Files.writeString(dir.resolve("t.json"), "[{\"a\": 1}, {\"a\": 2}]");
    assertEquals("{a=[1, 2]}", columns(client.table(json)).toString());
    Path ndjson = Files.writeString(dir.resolve("t.ndjson"), "{\"a\": 1}\n{\"a\": 2}\n");
    assertEquals("{a=[1, 2]}", columns(client.table(ndjson)).toString());
  }

  @Test
  void dictionaryEncodedIpcFilesWithSeveralBatchesLoad() throws IOException {
    Table source = client.table(CSV);
    Map<String, List<Object>> once = columns(source);
    try (View v = source.view();
         CDataDictionaryProvider dictionaries = new CDataDictionaryProvider();
         VectorSchemaRoot root = v.toVectorSchemaRoot(allocator, ViewWindow.all(), dictionaries)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArrowFileWriter w = new ArrowFileWriter(root, dictionaries, Channels.newChannel(out))) {
        w.start();
        w.writeBatch();
        w.writeBatch();
        w.end();
      }
      Path file = Files.write(dir.resolve("dict.arrow"), out.toByteArray());
      for (Table t : List.of(client.table(out.toByteArray()), client.table(file))) {
        Map<String, List<Object>> twice = columns(t);
        assertEquals(6, t.size());
        for (String c : once.keySet()) {
          List<Object> want = new ArrayList<>(once.get(c));
          want.addAll(once.get(c));
          assertEquals(want, twice.get(c), c);
        }
      }
    }
  }

  @Test
  void badFilesRaiseTypedErrors() throws IOException {
    assertThrows(InvalidInputException.class, () -> client.table(dir.resolve("missing.csv")));
    Path garbage = Files.writeString(dir.resolve("bad.arrow"), "this is not arrow");
    assertThrows(ParseException.class, () -> client.table(garbage));
    Path truncated = Files.write(dir.resolve("cut.arrow"), "ARROW1\0\0garbage".getBytes(StandardCharsets.US_ASCII));
    assertThrows(ParseException.class, () -> client.table(truncated));
    Path badJson = Files.writeString(dir.resolve("bad.json"), "[{\"a\": 1}, {\"a\":");
    assertThrows(ParseException.class, () -> client.table(badJson));
    assertEquals(List.of(), server.getHostedTableNames());
  }

  @Test
  void nativeInputMemoryIsFreed() throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), CSV, StandardCharsets.UTF_8);
    Table source = client.table(CSV);
    byte[] arrow;
    try (View v = source.view()) {
      arrow = v.toArrow();
    }
    Path arrowFile = Files.write(dir.resolve("t.arrow"), arrow);
    source.close();
    long start = inputBytes();
    for (int i = 0; i < 20; i++) {
      try (Table a = client.table(CSV);
           Table b = client.table(CSV.getBytes(StandardCharsets.UTF_8), TableOptions.builder().format(DataFormat.CSV).build());
           Table c = client.table(csv);
           Table d = client.table(arrow);
           Table e = client.table(arrowFile)) {
        a.update(CSV);
        assertThrows(ParseException.class, () -> b.update("[{\"id\":", UpdateOptions.format(DataFormat.JSON)));
        assertEquals(3, e.size());
      }
    }
    assertEquals(start, inputBytes(), "native input memory left allocated");
  }

  /**
   * The same CSV rows padded past 1 MiB with a column the table lacks (ignored): the engine
   * parses small CSV updates under the table's lock straight into its dictionaries, larger
   * ones first; both must give the same table and the same errors.
   */
  private static String padded(String csv) {
    String[] lines = csv.split("\n", -1);
    String pad = "p".repeat((1 << 20) / Math.max(1, lines.length - 2) + 1);
    StringBuilder sb = new StringBuilder(lines[0]).append(",pad\n");
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        sb.append(lines[i]).append(',').append(pad).append('\n');
      }
    }
    return sb.toString();
  }

  private static String errorOf(Runnable r) {
    try {
      r.run();
      return "";
    } catch (ParallaxException e) {
      return e.getMessage();
    }
  }

  @Test
  void smallCsvUpdatesMatchLargeOnes() {
    String base = "id,sym,px,qty\n1,AAA,1.5,10\n2,BBB,2.5,20\n3,AAA,,30\n";
    List<String> updates = List.of(
        "id,sym,px,qty\n2,CCC,9.5,\n4,DDD,,40\n",    // overwrite, new key, new strings, nulls
        "id,sym,zzz\n5,EEE,x\n5,FFF,y\n1,BBB,z\n",  // a key twice, an unknown column, absent cells
        "id,sym,qty\n6,GGG,1\n7,HHH,oops\n",         // bad value after new strings: fails
        "id,sym\n8,\"I,J\"\n9,HHH\n");              // quoted cell; HHH gets its first code now
    for (boolean indexed : List.of(true, false)) {
      TableOptions opts = indexed ? TableOptions.builder().index("id").build() : TableOptions.builder().build();
      Table small = client.table(base, opts);
      Table large = client.table(base, opts);
      for (String u : updates) {
        assertEquals(errorOf(() -> large.update(padded(u))), errorOf(() -> small.update(u)), u);
        assertEquals(columns(large), columns(small), u);
      }
      try (View a = large.view(ViewConfig.fromMap(Map.of("group_by", List.of("sym"))));
           View b = small.view(ViewConfig.fromMap(Map.of("group_by", List.of("sym"))))) {
        assertEquals(a.toColumns(), b.toColumns());
      }
    }
  }
}
