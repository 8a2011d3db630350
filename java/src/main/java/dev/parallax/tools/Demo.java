package dev.parallax.tools;

import dev.parallax.Client;
import dev.parallax.Parallax;
import dev.parallax.ParallaxException;
import dev.parallax.Server;
import dev.parallax.Table;
import dev.parallax.View;
import dev.parallax.ViewWindow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code scripts/demo [--rows N] [--format arrow|csv]}: generates a deterministic trades table
 * in memory (id, symbol, trader, side, venue, qty, price, notional, ts), loads it into Parallax,
 * and prints the schema, the first ten rows as CSV and the load time.
 */
public final class Demo {
  private static final List<String> SYMBOLS = List.of(
      "AAPL", "MSFT", "AMZN", "GOOG", "META", "NVDA", "TSLA", "JPM", "V", "JNJ",
      "WMT", "PG", "XOM", "MA", "HD", "CVX", "KO", "PEP", "BAC", "COST");
  private static final List<String> VENUES = List.of("NYSE", "NASDAQ", "ARCA", "BATS", "IEX", "EDGX", "LSE", "XETRA");
  private static final List<String> SIDES = List.of("buy", "sell");
  private static final int TRADERS = 100;
  private static final long START_MS = 1704187800000L; // 2024-01-02T09:30:00Z

  private Demo() {}

  public static void main(String[] args) {
    int rows = 1_000_000;
    String format = "arrow";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--format" -> format = args[++i];
        default -> {
          System.err.println("usage: scripts/demo [--rows N] [--format arrow|csv]");
          System.exit(2);
        }
      }
    }
    System.out.printf(Locale.ROOT, "Parallax %s: %,d generated trades, loaded as %s%n", Parallax.version(), rows, format);
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot trades = generate(allocator, rows);
        Server server = new Server();
        Client client = server.newLocalClient()) {
      Object data = format.equals("csv") ? trades.contentToTSVString().replace('\t', ',') : trades;
      long t0 = System.nanoTime();
      Table table = client.table(data);
      long loadNanos = System.nanoTime() - t0;
      System.out.println("schema: " + table.schema());
      System.out.printf(Locale.ROOT, "size: %,d rows%n", table.size());
      try (View view = table.view()) {
        System.out.print(view.toCsv(ViewWindow.rows(0, 10)));
      }
      System.out.printf(Locale.ROOT, "load time: %.1f ms%n", loadNanos / 1e6);
    } catch (ParallaxException e) {
      System.err.println("demo failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /** The trades, from a fixed seed: the same rows on every run. */
  static VectorSchemaRoot generate(BufferAllocator allocator, int rows) {
    SplittableRandom rnd = new SplittableRandom(20240102L);
    IntVector id = new IntVector("id", allocator);
    VarCharVector symbol = new VarCharVector("symbol", allocator);
    VarCharVector trader = new VarCharVector("trader", allocator);
    VarCharVector side = new VarCharVector("side", allocator);
    VarCharVector venue = new VarCharVector("venue", allocator);
    IntVector qty = new IntVector("qty", allocator);
    Float8Vector price = new Float8Vector("price", allocator);
    Float8Vector notional = new Float8Vector("notional", allocator);
    TimeStampMilliVector ts = new TimeStampMilliVector("ts", allocator);
    VectorSchemaRoot root = VectorSchemaRoot.of(id, symbol, trader, side, venue, qty, price, notional, ts);
    root.allocateNew();
    byte[][] traders = new byte[TRADERS][];
    Arrays.setAll(traders, i -> bytes(String.format(Locale.ROOT, "T%03d", i)));
    double[] base = new double[SYMBOLS.size()];
    Arrays.setAll(base, i -> 20 + 40 * i + rnd.nextInt(100));
    long t = START_MS;
    for (int r = 0; r < rows; r++) {
      int s = rnd.nextInt(SYMBOLS.size());
      int q = 100 * (1 + rnd.nextInt(50));
      double p = Math.round(base[s] * (0.95 + 0.1 * rnd.nextDouble()) * 100) / 100.0;
      t += 1 + rnd.nextInt(50);
      id.setSafe(r, r);
      symbol.setSafe(r, bytes(SYMBOLS.get(s)));
      trader.setSafe(r, traders[rnd.nextInt(TRADERS)]);
      side.setSafe(r, bytes(SIDES.get(rnd.nextInt(2))));
      venue.setSafe(r, bytes(VENUES.get(rnd.nextInt(VENUES.size()))));
      qty.setSafe(r, q);
      price.setSafe(r, p);
      notional.setSafe(r, Math.round(q * p * 100) / 100.0);
      ts.setSafe(r, t);
    }
    root.setRowCount(rows);
    return root;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
