package dev.parallax.tools;

import dev.parallax.Client;
import dev.parallax.Table;
import dev.parallax.TableOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live demo table {@code trades} (indexed by {@code id}): simulated trades ticking several
 * times a second. Each tick adds a few trades, re-prices some recent ones, and removes the
 * oldest beyond {@link #MAX_ROWS}, so every change kind reaches the views.
 *
 * <p>Columns: id (integer), time (datetime), symbol, trader, side, venue (strings), qty
 * (integer), price, notional (floats), done (boolean). Threading: one scheduler thread owns the
 * random state and makes every change; {@link #close()} stops it.
 */
public final class TradesTicker implements AutoCloseable {
  static final String NAME = "trades";
  static final int MAX_ROWS = 5_000;
  private static final String[] SYMBOLS = {"AAPL", "MSFT", "AMZN", "GOOG", "META", "NVDA", "TSLA", "JPM", "V", "JNJ"};
  private static final String[] VENUES = {"NYSE", "NASDAQ", "ARCA", "BATS", "IEX"};
  private static final String[] TRADERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};

  private final Table table;
  private final ScheduledExecutorService scheduler;
  private final SplittableRandom random = new SplittableRandom(42);
  private final double[] prices = new double[SYMBOLS.length];
  private long nextId = 1;
  private long oldestId = 1;

  private TradesTicker(Table table, long periodMs) {
    this.table = table;
    for (int i = 0; i < prices.length; i++) {
      prices[i] = 50 + 25 * i;
    }
    table.update(trades(1_000));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parallax-trades-ticker");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleAtFixedRate(this::tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  /** Creates the {@code trades} table on {@code client} and starts ticking every {@code periodMs}. */
  public static TradesTicker start(Client client, long periodMs) {
    Map<String, String> schema = new LinkedHashMap<>();
    schema.put("id", "integer");
    schema.put("time", "datetime");
    schema.put("symbol", "string");
    schema.put("trader", "string");
    schema.put("side", "string");
    schema.put("venue", "string");
    schema.put("qty", "integer");
    schema.put("price", "float");
    schema.put("notional", "float");
    schema.put("done", "boolean");
    Table t = client.table(schema, TableOptions.builder().name(NAME).index("id").build());
    return new TradesTicker(t, periodMs);
  }

  public Table table() {
    return table;
  }

  private void tick() {
    try {
      List<Map<String, Object>> rows = trades(1 + random.nextInt(8));
      for (int i = 0; i < 3 && nextId - oldestId > 10; i++) {
        long id = nextId - 1 - random.nextInt(10);
        Map<String, Object> fill = new LinkedHashMap<>();
        fill.put("id", id);
        fill.put("done", true);
        rows.add(fill);
      }
      table.update(rows);
      if (nextId - oldestId > MAX_ROWS) {
        List<Object> old = new ArrayList<>();
        while (nextId - oldestId > MAX_ROWS) {
          old.add(oldestId++);
        }
        table.remove(old);
      }
    } catch (RuntimeException e) {
      System.err.println("[parallax] trades ticker: " + e.getMessage());
    }
  }

  private List<Map<String, Object>> trades(int n) {
    List<Map<String, Object>> rows = new ArrayList<>(n);
    String now = Instant.now().toString();
    for (int i = 0; i < n; i++) {
      int s = random.nextInt(SYMBOLS.length);
      prices[s] = Math.max(1, prices[s] * (1 + (random.nextDouble() - 0.5) * 0.004));
      double price = Math.round(prices[s] * 100) / 100.0;
      int qty = 100 * (1 + random.nextInt(50));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", nextId++);
      r.put("time", now);
      r.put("symbol", SYMBOLS[s]);
      r.put("trader", TRADERS[random.nextInt(TRADERS.length)]);
      r.put("side", random.nextBoolean() ? "buy" : "sell");
      r.put("venue", VENUES[random.nextInt(VENUES.length)]);
      r.put("qty", qty);
      r.put("price", price);
      r.put("notional", Math.round(price * qty * 100) / 100.0);
      r.put("done", false);
      rows.add(r);
    }
    return rows;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
