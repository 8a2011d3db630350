package dev.parallax.tools;

import dev.parallax.AsyncClient;
import dev.parallax.AsyncView;
import dev.parallax.Client;
import dev.parallax.RemoteOptions;
import dev.parallax.Server;
import dev.parallax.Table;
import dev.parallax.TableOptions;
import dev.parallax.View;
import dev.parallax.ViewWindow;
import dev.parallax.server.WebSocketOptions;
import dev.parallax.server.WebSocketServer;
import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * {@code ServerBench [--url ws://...] [--reference ws://...] [--rows N] [--clients 1,10,100]
 * [--updates N] [--warmup N] [--no-jit-settle] [--batch N] [--read-rows N] [--seconds S]}: update-to-push latency
 * and push throughput of Perspective WebSocket servers, next to the same measurement made
 * in-process, all in one run.
 *
 * <p>A {@code --rows}-row table (indexed by {@code id}; 100 symbols) is created through the
 * WebSocket. For each client count n, n clients each hold a {@code group_by: [symbol]} view with
 * an {@code on_update} callback that, as a viewer does, reads the view's first
 * {@code --read-rows} rows ({@code to_arrow} of that window) when notified. Sides measured, in
 * this order and with the same seeded updates:
 *
 * <ul>
 *   <li><b>in-process</b> (embedded server only): n local views of the same table, updated with
 *       {@code table.update} in the same JVM; the callbacks run inside the update.
 *   <li><b>Parallax WebSocket</b> (the embedded Netty server, with
 *       {@code -Dparallax.bench.threads=N} event loops, default one per CPU; or {@code --url}):
 *       n connections, updates sent by one more connection; each client's callbacks run on its
 *       connection's callback thread and read with a blocking {@code toArrow}.
 *   <li><b>the same, async client</b> (unless {@code -Dparallax.bench.async=false}): n
 *       {@link AsyncClient}s whose callbacks run on the I/O thread
 *       ({@code RemoteOptions.callbackExecutor(Runnable::run)}) and read with an async
 *       {@code toArrow}, as Perspective's JavaScript client does on its event loop.
 *   <li><b>reference</b> ({@code --reference}, e.g. {@code node web/reference-server.mjs}).
 * </ul>
 *
 * <p><b>Latency:</b> one {@code --batch}-row update at a time, after {@code --warmup} unrecorded
 * ones and then, unless {@code --no-jit-settle}, more unrecorded rounds of 100 until the JIT has
 * compiled for less than 2% of the wall time in five rounds in a row (at most 10,000 more
 * updates or 60 s: on two cores a C2 compiler thread busy in the latency phase takes most of a
 * core, and its bursts made the WebSocket p99; the JIT time left in the latency phase is
 * printed). Then, for every client, the time from just before {@code update} is called to the arrival of
 * its push ("push") and to the end of its read ("push+read"): p50/p99/max over all clients and
 * updates. <b>Throughput:</b> updates sent back to back for {@code --seconds} with the reads off;
 * pushes received per second until the last one arrives. Not run by the tests.
 *
 * <p>Thread-safety: single-threaded driver; callbacks touch only atomics and the per-client
 * arrays, each slot written by its own client's callback thread before it releases the semaphore.
 */
public final class ServerBench {
  private static final int SYMBOLS = 100;

  private ServerBench() {}

  /** One side's figures at one client count. */
  private record Result(String side, int clients, long[] push, long[] read, double pushesPerSec, long gcs, long gcMs,
      String failure) {}

  /** Settings shared by every measurement. */
  private record Plan(int rows, int updates, int warmup, boolean settleJit, int batch, int readRows, int seconds) {}

  public static void main(String[] args) throws Exception {
    String url = null;
    String reference = null;
    String referenceScript = null;
    int[] clientCounts = {1, 10, 100};
    int rows = 1_000_000;
    int updates = 1000;
    int warmup = 200;
    boolean settleJit = true;
    int batch = 100;
    int readRows = 50;
    int seconds = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--reference" -> reference = args[++i];
        case "--reference-script" -> referenceScript = args[++i];
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--clients" -> clientCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--updates" -> updates = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--no-jit-settle" -> settleJit = false;
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--read-rows" -> readRows = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Plan plan = new Plan(rows, updates, warmup, settleJit, batch, readRows, seconds);
    Server embedded = null;
    WebSocketServer ws = null;
    if (url == null) {
      embedded = new Server();
      ws = WebSocketServer.start(embedded, "127.0.0.1", 0, WebSocketOptions.defaults(), null, Integer.getInteger("parallax.bench.threads", 0));
      url = "ws://127.0.0.1:" + ws.port() + "/websocket";
    }
    System.out.printf(Locale.ROOT, "%,d rows, %d-row updates, %d recorded (+%d warm-up) per client count, reads of %d rows, "
        + "%d s throughput; %d CPUs, %s %s%n", rows, batch, updates, warmup, readRows, seconds,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    byte[] data = arrow(rows);
    List<Result> results = new ArrayList<>();
    try {
      side(url, embedded, "parallax", data, clientCounts, plan, results);
      if (reference != null) {
        side(reference, null, "reference", data, clientCounts, plan, results);
      }
      if (referenceScript != null) {
        // A fresh reference process per client count: its WASM heap (4 GiB at most) does not
        // shrink after a count's table and views are deleted.
        for (int n : clientCounts) {
          Process node = startReference(referenceScript);
          try {
            side(referenceUrl(node), null, "reference", data, new int[] {n}, plan, results);
          } finally {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
          }
        }
      }
    } finally {
      if (ws != null) {
        ws.close();
      }
      if (embedded != null) {
        embedded.close();
      }
    }
    report(results, clientCounts);
  }

  /** Creates the table on one server and measures it at every client count. */
  private static void side(String url, Server embedded, String label, byte[] data, int[] clientCounts, Plan plan,
      List<Result> results) throws Exception {
    System.out.printf(Locale.ROOT, "== %s: %s%n", label, url);
    try (Client writer = Client.websocket(url)) {
      String name = "bench" + System.nanoTime();
      long t0 = System.nanoTime();
      Table table = writer.table(data, TableOptions.builder().name(name).index("id").build());
      System.out.printf(Locale.ROOT, "loaded %,d rows in %.0f ms%n", table.size(), (System.nanoTime() - t0) / 1e6);
      for (int n : clientCounts) {
        if (embedded != null) {
          try (Client local = embedded.newLocalClient()) {
            Table t = local.openTable(name);
            results.add(measure("in-process", n, plan, i -> Probe.of(t.view(config())), t, List.of()));
          }
        }
        List<Client> clients = new ArrayList<>();
        try {
          results.add(measure(label + " ws", n, plan, i -> {
            Client c = Client.websocket(url);
            clients.add(c);
            return Probe.of(c.openTable(name).view(config()));
          }, table, clients));
        } finally {
          clients.forEach(Client::close);
        }
        if (ASYNC) {
          List<AsyncClient> asyncClients = new ArrayList<>();
          try {
            results.add(measure(label + " ws async", n, plan, i -> {
              AsyncClient c = AsyncClient.websocket(url, RemoteOptions.builder().callbackExecutor(Runnable::run).build()).join();
              asyncClients.add(c);
              return Probe.of(c.openTable(name).thenCompose(t -> t.view(config())).join());
            }, table, asyncClients));
          } finally {
            asyncClients.forEach(AsyncClient::close);
          }
        }
      }
      table.delete(true); // the clients' views went with their connections
    } catch (RuntimeException e) {
      System.out.println(label + " failed: " + e);
      results.add(new Result(label + " ws", clientCounts.length == 1 ? clientCounts[0] : 0, null, null, 0, 0, 0, String.valueOf(e.getMessage())));
    }
  }

  /** Runs {@code node script PORT} (port 0: the script's own choice is read from its output). */
  private static Process startReference(String script) throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    java.io.File file = new java.io.File(script).getAbsoluteFile();
    ProcessBuilder pb = new ProcessBuilder("node", file.getName(), String.valueOf(port)).directory(file.getParentFile())
        .redirectErrorStream(true);
    Process p = pb.start();
    java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.contains("ws://")) {
      // wait for the banner
    }
    if (line == null) {
      throw new IllegalStateException("the reference server did not start");
    }
    REFERENCE_URLS.put(p, "ws://127.0.0.1:" + port + "/websocket");
    Thread drain = new Thread(() -> out.lines().forEach(l -> {
      if (!l.startsWith("...") && !l.startsWith("200 ")) {
        System.out.println("  [reference] " + l);
      }
    }), "reference-output");
    drain.setDaemon(true);
    drain.start();
    return p;
  }

  private static final Map<Process, String> REFERENCE_URLS = new java.util.concurrent.ConcurrentHashMap<>();

  private static String referenceUrl(Process p) {
    return REFERENCE_URLS.get(p);
  }

  private static Map<String, Object> config() {
    return Map.of("group_by", List.of("symbol"), "columns", List.of("qty", "price"));
  }

  /** {@code -Dparallax.bench.async=false} leaves out the async-client side. */
  private static final boolean ASYNC = !"false".equals(System.getProperty("parallax.bench.async"));

  @FunctionalInterface
  private interface ViewMaker {
    Probe make(int index);
  }

  /** One client's view as the bench drives it: blocking through {@link View}, or through {@link AsyncView}. */
  private interface Probe {
    /** Reads the window and waits for it (the first read computes the view). */
    void read(ViewWindow window);

    /**
     * Subscribes: at each push {@code onPush} runs with its arrival time; while {@code reading}
     * says so, the callback then reads the window and {@code onRead} runs with the time the
     * read ended. Returns after a request answered after the subscription (so the server has
     * registered it: on_update has no reply of its own).
     */
    void listen(ViewWindow window, java.util.function.BooleanSupplier reading, java.util.function.LongConsumer onPush,
        java.util.function.LongConsumer onRead);

    void close();

    /** Blocking reads inside the callback (a local view's callbacks run inside the update). */
    static Probe of(View v) {
      return new Probe() {
        public void read(ViewWindow window) {
          v.toArrow(window);
        }

        public void listen(ViewWindow window, java.util.function.BooleanSupplier reading, java.util.function.LongConsumer onPush,
            java.util.function.LongConsumer onRead) {
          v.onUpdate(u -> {
            onPush.accept(System.nanoTime());
            if (reading.getAsBoolean()) {
              v.toArrow(window);
              onRead.accept(System.nanoTime());
            }
          });
          v.dimensions();
        }

        public void close() {
          v.close();
        }
      };
    }

    /** Callbacks on the connection's I/O thread; the read is sent from there and ends in its reply's callback. */
    static Probe of(AsyncView v) {
      return new Probe() {
        public void read(ViewWindow window) {
          v.toArrow(window).join();
        }

        public void listen(ViewWindow window, java.util.function.BooleanSupplier reading, java.util.function.LongConsumer onPush,
            java.util.function.LongConsumer onRead) {
          v.onUpdate(u -> {
            onPush.accept(System.nanoTime());
            if (reading.getAsBoolean()) {
              v.toArrow(window).whenComplete((bytes, e) -> {
                if (e == null) {
                  onRead.accept(System.nanoTime());
                }
              });
            }
          }).join();
          v.dimensions().join();
        }

        public void close() {
          v.delete().join();
        }
      };
    }
  }

  /** Latency and throughput of n views made by {@code maker}, updated through {@code table}. */
  private static Result measure(String side, int n, Plan plan, ViewMaker maker, Table table, List<?> owners) {
    SplittableRandom random = new SplittableRandom(7);
    ViewWindow window = ViewWindow.rows(0, plan.readRows());
    long[] pushAt = new long[n];
    long[] readAt = new long[n];
    // Released once per update, by the last client to finish its read (one wake-up of the driver).
    Done done = new Done();
    AtomicLong pushes = new AtomicLong();
    AtomicLong lastPush = new AtomicLong();
    boolean[] reading = {true};
    List<Probe> views = new ArrayList<>();
    try {
      for (int c = 0; c < n; c++) {
        Probe v = maker.make(c);
        views.add(v);
        v.read(window); // the first read computes the view
        int index = c;
        v.listen(window, () -> reading[0], t -> {
          pushes.incrementAndGet();
          lastPush.set(t);
          if (reading[0]) {
            pushAt[index] = t;
          }
        }, t -> {
          readAt[index] = t;
          done.arrive();
        });
      }
      for (int u = 0; u < plan.warmup(); u++) {
        updateAndWait(table, batch(random, plan.batch(), plan.rows()), done, n);
      }
      int extra = 0;
      int quiet = 0;
      long settleEnd = System.nanoTime() + 60_000_000_000L;
      while (plan.settleJit() && quiet < 5 && extra < 10_000 && System.nanoTime() < settleEnd) {
        long jit0 = jitMillis();
        long t0 = System.nanoTime();
        for (int u = 0; u < 100; u++) {
          updateAndWait(table, batch(random, plan.batch(), plan.rows()), done, n);
        }
        extra += 100;
        quiet = jitMillis() - jit0 < 0.02 * (System.nanoTime() - t0) / 1e6 ? quiet + 1 : 0;
      }
      long jitStart = jitMillis();
      long[] push = new long[plan.updates() * n];
      long[] read = new long[plan.updates() * n];
      long gc0 = gcCount();
      long gcMs0 = gcMillis();
      Map<String, Long> cpu0 = PROFILE ? threadCpu() : Map.of();
      long process0 = processCpu();
      long[] switches0 = PROFILE ? contextSwitches() : null;
      int k = 0;
      long[] wall = new long[plan.updates()];
      long[] ownCpu = new long[plan.updates()];
      long[] gcAt = new long[plan.updates()];
      java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      for (int u = 0; u < plan.updates(); u++) {
        Arrays.fill(pushAt, 0);
        Arrays.fill(readAt, 0);
        String csv = batch(random, plan.batch(), plan.rows());
        long gcBefore = PROFILE ? gcCount() : 0;
        long cpuBefore = PROFILE ? mx.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        updateAndWait(table, csv, done, n);
        wall[u] = System.nanoTime() - start;
        if (PROFILE) {
          ownCpu[u] = mx.getCurrentThreadCpuTime() - cpuBefore;
          gcAt[u] = gcCount() - gcBefore;
        }
        for (int c = 0; c < n; c++) {
          push[k] = pushAt[c] == 0 ? Long.MAX_VALUE : pushAt[c] - start;
          read[k++] = readAt[c] == 0 ? Long.MAX_VALUE : readAt[c] - start;
        }
      }
      long gcs = gcCount() - gc0;
      long gcMs = gcMillis() - gcMs0;
      System.out.printf(Locale.ROOT, "  warm-up %d + %d updates; JIT compiling %d ms during the latency phase%n", plan.warmup(), extra,
          jitMillis() - jitStart);
      if (PROFILE) {
        printCpu(side, n, plan.updates(), cpu0, threadCpu(), processCpu() - process0);
        long[] switches1 = contextSwitches();
        System.out.printf(Locale.ROOT, "  context switches per update: %.1f voluntary (a thread blocked: hand-offs), %.1f involuntary (preempted)%n",
            (switches1[0] - switches0[0]) / (double) plan.updates(), (switches1[1] - switches0[1]) / (double) plan.updates());
        printSlowest(wall, ownCpu, gcAt);
      }
      Arrays.sort(push);
      Arrays.sort(read);
      reading[0] = false;
      long before = pushes.get();
      long t0 = System.nanoTime();
      long end = t0 + plan.seconds() * 1_000_000_000L;
      while (System.nanoTime() < end) {
        table.update(batch(random, plan.batch(), plan.rows()));
      }
      quiesce(pushes);
      double rate = (pushes.get() - before) / ((lastPush.get() - t0) / 1e9);
      Result r = new Result(side, n, push, read, rate, gcs, gcMs, null);
      System.out.printf(Locale.ROOT, "%-15s clients %3d: push %s; push+read %s; %,.0f pushes/s; %d GCs (%d ms) in the latency phase%n",
          side, n, percentiles(push), percentiles(read), rate, gcs, gcMs);
      return r;
    } catch (RuntimeException | InterruptedException e) {
      System.out.printf(Locale.ROOT, "%-15s clients %3d: failed: %s%n", side, n, e);
      return new Result(side, n, null, null, 0, 0, 0, String.valueOf(e.getMessage()));
    } finally {
      if (owners.isEmpty()) {
        views.forEach(Probe::close);
      }
    }
  }

  /** Counts the clients that finished an update's read; wakes the driver once, when all have. Thread-safe. */
  private static final class Done {
    private final Semaphore all = new Semaphore(0);
    private final java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger();

    void expect(int n) {
      left.set(n);
    }

    void arrive() {
      if (left.decrementAndGet() == 0) {
        all.release();
      }
    }

    boolean await(long seconds) throws InterruptedException {
      return all.tryAcquire(1, seconds, TimeUnit.SECONDS);
    }
  }

  /** Milliseconds the JIT compilers have spent so far (0 if unknown). */
  private static long jitMillis() {
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  private static void updateAndWait(Table table, String csv, Done done, int n) throws InterruptedException {
    done.expect(n);
    table.update(csv);
    if (!done.await(10)) {
      throw new IllegalStateException("not every client was notified and read within 10 s");
    }
  }

  /** Waits until no push has arrived for 300 ms. */
  private static void quiesce(AtomicLong pushes) throws InterruptedException {
    long seen = -1;
    while (pushes.get() != seen) {
      seen = pushes.get();
      Thread.sleep(300);
    }
  }

  /** {@code -Dparallax.bench.profile=true}: CPU time per thread group during the latency phase. */
  private static final boolean PROFILE = Boolean.getBoolean("parallax.bench.profile");

  /** CPU nanoseconds per thread-name group (digits stripped) of the live Java threads. */
  private static Map<String, Long> threadCpu() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long t = threads.getThreadCpuTime(info.getThreadId());
      if (t > 0) {
        out.merge(info.getThreadName().replaceAll("[0-9]+", "#") + " [" + info.getThreadId() + "]", t, Long::sum);
      }
    }
    return out;
  }

  /**
   * Voluntary and involuntary context switches summed over this process's threads (Linux
   * {@code /proc/self/task/N/status}; zeros elsewhere). Voluntary ones count the times a thread
   * blocked (waiting for a hand-off, a lock, I/O): unlike latency, barely affected by other load.
   */
  private static long[] contextSwitches() {
    long[] out = new long[2];
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return out;
    }
    for (java.io.File t : tasks) {
      try {
        for (String line : java.nio.file.Files.readAllLines(new java.io.File(t, "status").toPath())) {
          if (line.startsWith("voluntary_ctxt_switches:")) {
            out[0] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
          } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
            out[1] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        // the thread ended meanwhile
      }
    }
    return out;
  }

  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
  }

  private static void printCpu(String side, int n, int updates, Map<String, Long> before, Map<String, Long> after, long process) {
    Map<String, Long> groups = new java.util.TreeMap<>();
    after.forEach((k, v) -> groups.merge(k.substring(0, k.indexOf(" [")), v - before.getOrDefault(k, 0L), Long::sum));
    long java = groups.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder b = new StringBuilder();
    groups.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
        .forEach(e -> b.append(String.format(Locale.ROOT, "  %s %.0f us", e.getKey(), e.getValue() / 1e3 / updates)));
    System.out.printf(Locale.ROOT, "  cpu per update (%s, %d clients): process %.0f us, Java threads %.0f us:%s%n", side, n,
        process / 1e3 / updates, java / 1e3 / updates, b);
  }

  /**
   * The slowest 1% of updates (they make the p99): wall time, CPU time of the updating thread
   * (for in-process, all the work: apply, notify, every read) and how many saw a GC.
   */
  private static void printSlowest(long[] wall, long[] ownCpu, long[] gcAt) {
    Integer[] order = new Integer[wall.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(wall[b], wall[a]));
    int top = Math.max(1, wall.length / 100);
    double w = 0;
    double c = 0;
    int gcs = 0;
    for (int i = 0; i < top; i++) {
      w += wall[order[i]];
      c += ownCpu[order[i]];
      gcs += gcAt[order[i]] > 0 ? 1 : 0;
    }
    double medianCpu = Arrays.stream(ownCpu).sorted().skip(ownCpu.length / 2).findFirst().orElse(0) / 1e6;
    System.out.printf(Locale.ROOT, "  slowest %d updates: wall %.2f ms, updating thread CPU %.2f ms (median update %.2f ms), %d with a GC%n",
        top, w / top / 1e6, c / top / 1e6, medianCpu, gcs);
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  private static String percentiles(long[] sorted) {
    int k = sorted.length;
    return String.format(Locale.ROOT, "p50 %.2f / p99 %.2f / max %.2f ms", sorted[k / 2] / 1e6,
        sorted[Math.min(k - 1, (int) (k * 0.99))] / 1e6, sorted[k - 1] / 1e6);
  }

  private static String cell(Result r, boolean read) {
    if (r == null) {
      return "—";
    }
    if (r.failure() != null) {
      return "failed";
    }
    long[] s = read ? r.read() : r.push();
    int k = s.length;
    return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", s[k / 2] / 1e6, s[Math.min(k - 1, (int) (k * 0.99))] / 1e6, s[k - 1] / 1e6);
  }

  private static String rate(Result r) {
    return r == null ? "—" : r.failure() != null ? "failed" : String.format(Locale.ROOT, "%,.0f", r.pushesPerSec());
  }

  private static Result find(List<Result> results, String side, int n) {
    return results.stream().filter(r -> r.side().equals(side) && r.clients() == n).findFirst()
        .orElse(results.stream().filter(r -> r.side().equals(side) && r.clients() == 0).findFirst().orElse(null));
  }

  /** The Markdown table of docs/BENCHMARKS.md (latencies p50 / p99 / max in ms). */
  private static void report(List<Result> results, int[] clientCounts) {
    System.out.println();
    System.out.println("| clients | in-process push | in-process push+read | Parallax WS push | Parallax WS push+read "
        + "| Parallax WS async push | Parallax WS async push+read | Parallax pushes/s | in-process pushes/s "
        + "| reference WS push | reference WS push+read | reference pushes/s |");
    System.out.println("|---:|---|---|---|---|---|---|---:|---:|---|---|---:|");
    for (int n : clientCounts) {
      Result in = find(results, "in-process", n);
      Result px = find(results, "parallax ws", n);
      Result pa = find(results, "parallax ws async", n);
      Result ref = find(results, "reference ws", n);
      System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", n, cell(in, false), cell(in, true),
          cell(px, false), cell(px, true), cell(pa, false), cell(pa, true), rate(px), rate(in), cell(ref, false), cell(ref, true),
          rate(ref));
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
