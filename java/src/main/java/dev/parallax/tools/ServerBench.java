package dev.parallax.tools;

import dev.parallax.Client;
import dev.parallax.Server;
import dev.parallax.Table;
import dev.parallax.TableOptions;
import dev.parallax.View;
import dev.parallax.server.ParallaxWebSocket;
import dev.parallax.server.WebSocketOptions;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code ServerBench [--url ws://...] [--rows N] [--clients 1,10,100] [--updates N] [--batch N]
 * [--seconds S]}: update-to-push latency and push throughput of a Perspective WebSocket server
 * (an embedded Parallax server, or any server at {@code --url}, e.g. the reference Node one).
 *
 * <p>A {@code --rows}-row table (indexed; 100 symbols) is created through the WebSocket; for each
 * client count, that many connections each hold a {@code group_by: [symbol]} view with an
 * {@code on_update} subscription. <b>Latency:</b> one {@code --batch}-row update at a time (sent
 * by one more connection), waiting for every client's push: p50/p99 over all pushes.
 * <b>Throughput:</b> updates sent back to back for {@code --seconds}: pushes received per second.
 * Not run by the tests.
 */
public final class ServerBench {
  private static final int SYMBOLS = 100;

  private ServerBench() {}

  public static void main(String[] args) throws Exception {
    String url = null;
    int rows = 1_000_000;
    int[] clientCounts = {1, 10, 100};
    int updates = 200;
    int batch = 100;
    int seconds = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--clients" -> clientCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--updates" -> updates = Integer.parseInt(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Server embedded = null;
    org.eclipse.jetty.server.Server jetty = null;
    if (url == null) {
      embedded = new Server();
      jetty = new org.eclipse.jetty.server.Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      jetty.setHandler(ParallaxWebSocket.handler(jetty, embedded, WebSocketOptions.defaults()));
      jetty.start();
      url = "ws://127.0.0.1:" + connector.getLocalPort() + "/websocket";
    }
    System.out.printf(Locale.ROOT, "server %s%s, %,d rows, %d-row updates%n", url, embedded != null ? " (embedded Parallax)" : "", rows, batch);
    try (Client writer = Client.websocket(url)) {
      String name = "bench" + System.nanoTime();
      long t0 = System.nanoTime();
      Table table = writer.table(arrow(rows), TableOptions.builder().name(name).index("id").build());
      System.out.printf(Locale.ROOT, "loaded %,d rows in %.0f ms%n", table.size(), (System.nanoTime() - t0) / 1e6);
      SplittableRandom random = new SplittableRandom(7);
      for (int n : clientCounts) {
        run(url, name, table, n, updates, batch, seconds, rows, random);
      }
      table.delete(true); // the clients' views go as their connections close
    } finally {
      if (jetty != null) {
        jetty.stop();
      }
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static void run(String url, String name, Table table, int n, int updates, int batch, int seconds, int rows,
      SplittableRandom random) throws Exception {
    List<Client> clients = new ArrayList<>();
    AtomicLong pushes = new AtomicLong();
    AtomicLongArray arrival = new AtomicLongArray(n);
    try {
      for (int c = 0; c < n; c++) {
        Client client = Client.websocket(url);
        clients.add(client);
        View v = client.openTable(name).view(Map.of("group_by", List.of("symbol"), "columns", List.of("qty", "price")));
        int index = c;
        v.onUpdate(u -> {
          arrival.set(index, System.nanoTime());
          pushes.incrementAndGet();
        });
      }
      long[] latencies = new long[updates * n];
      int k = 0;
      for (int u = 0; u < updates; u++) {
        for (int c = 0; c < n; c++) {
          arrival.set(c, 0);
        }
        long start = System.nanoTime();
        long expected = pushes.get() + n;
        table.update(batch(random, batch, rows));
        long deadline = start + 5_000_000_000L;
        while (pushes.get() < expected && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        for (int c = 0; c < n; c++) {
          long a = arrival.get(c);
          latencies[k++] = a == 0 ? Long.MAX_VALUE : a - start;
        }
      }
      Arrays.sort(latencies, 0, k);
      long before = pushes.get();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long sent = 0;
      while (System.nanoTime() < end) {
        table.update(batch(random, batch, rows));
        sent++;
      }
      Thread.sleep(500);
      double rate = (pushes.get() - before) / (seconds + 0.5);
      System.out.printf(Locale.ROOT, "clients %3d: latency p50 %.2f ms, p99 %.2f ms; %,d updates/%ds -> %,.0f pushes/s%n",
          n, latencies[k / 2] / 1e6, latencies[Math.min(k - 1, (int) (k * 0.99))] / 1e6, sent, seconds, rate);
    } finally {
      clients.forEach(Client::close);
    }
  }

  private static String batch(SplittableRandom random, int n, int rows) {
    StringBuilder csv = new StringBuilder("id,symbol,qty,price\n");
    for (int i = 0; i < n; i++) {
      int id = random.nextInt(rows);
      csv.append(id).append(",S").append(id % SYMBOLS).append(',').append(random.nextInt(1000)).append(',')
          .append(random.nextInt(100000) / 100.0).append('\n');
    }
    return csv.toString();
  }

  private static byte[] arrow(int rows) throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        IntVector id = new IntVector("id", allocator);
        VarCharVector symbol = new VarCharVector("symbol", allocator);
        IntVector qty = new IntVector("qty", allocator);
        Float8Vector price = new Float8Vector("price", allocator)) {
      id.allocateNew(rows);
      symbol.allocateNew((long) rows * 4, rows);
      qty.allocateNew(rows);
      price.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        id.set(i, i);
        symbol.setSafe(i, ("S" + (i % SYMBOLS)).getBytes(StandardCharsets.UTF_8));
        qty.set(i, i % 1000);
        price.set(i, (i % 10000) / 100.0);
      }
      try (VectorSchemaRoot root = VectorSchemaRoot.of(id, symbol, qty, price)) {
        root.setRowCount(rows);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(bytes))) {
          w.start();
          w.writeBatch();
          w.end();
        }
        return bytes.toByteArray();
      }
    }
  }
}
