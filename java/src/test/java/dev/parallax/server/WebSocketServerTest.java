package dev.parallax.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallax.AsyncClient;
import dev.parallax.AsyncTable;
import dev.parallax.AsyncView;
import dev.parallax.Client;
import dev.parallax.ParallaxStateException;
import dev.parallax.RemoteOptions;
import dev.parallax.Server;
import dev.parallax.Table;
import dev.parallax.TableOptions;
import dev.parallax.UpdateMode;
import dev.parallax.View;
import dev.parallax.ViewUpdate;
import dev.parallax.proto.*;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Netty transport under good and bad traffic: the remote Java client end to end, garbage and
 * truncated frames, text frames, oversized messages, clients that vanish mid-stream and clients
 * that stop reading. A bad connection is answered with an error or closed alone; the others keep
 * being served with nothing lost.
 */
class WebSocketServerTest {
  private static final long MAX_MESSAGE = 1 << 20;
  private static final long MAX_QUEUED = 256 << 10;

  private Server parallax;
  private WebSocketServer ws;
  private final Set<SessionEndpoint> connections = ConcurrentHashMap.newKeySet();
  private URI uri;
  private Table table;

  @BeforeEach
  void start() throws Exception {
    parallax = new Server();
    StringBuilder csv = new StringBuilder("id,name,value\n");
    for (int i = 0; i < 1000; i++) {
      csv.append(i).append(",n").append(i % 7).append(',').append(i * 1.5).append('\n');
    }
    table = parallax.newLocalClient().table(csv.toString(), TableOptions.builder().name("t").index("id").build());
    ws = WebSocketServer.start(parallax, "127.0.0.1", 0, WebSocketOptions.defaults()
        .withMaxMessageBytes(MAX_MESSAGE).withMaxQueuedBytes(MAX_QUEUED), null, 2, connections);
    uri = URI.create("ws://127.0.0.1:" + ws.port() + "/websocket");
  }

  @AfterEach
  void stop() throws Exception {
    ws.close();
    parallax.close();
  }

  private static Request.Builder req(int id, String entity) {
    return Request.newBuilder().setMsgId(id).setEntityId(entity);
  }

  private static Request.Builder size(int id) {
    return req(id, "t").setTableSizeReq(TableSizeReq.getDefaultInstance());
  }

  @Test
  void remoteClientEndToEnd() throws Exception {
    try (Client remote = Client.websocket(uri.toString())) {
      assertEquals(List.of("t"), remote.getHostedTableNames());
      Table t = remote.openTable("t");
      assertEquals(1000, t.size());
      assertEquals(java.util.Optional.of("id"), t.getIndex());
      View v = t.view(Map.of("group_by", List.of("name"), "columns", List.of("value")));
      assertEquals(8, v.numRows());
      List<ViewUpdate> pushes = Collections.synchronizedList(new ArrayList<>());
      v.onUpdate(pushes::add, UpdateMode.NONE);
      int port = t.makePort();
      table.update(List.of(Map.of("id", 5000, "name", "n1", "value", 1.0)));
      t.update(List.of(Map.of("id", 5001, "name", "n2", "value", 2.0)), dev.parallax.UpdateOptions.port(port));
      assertEquals(1002, table.size());
      long deadline = System.currentTimeMillis() + 10_000;
      while (pushes.size() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(List.of(0, port), pushes.stream().map(ViewUpdate::getPortId).toList());
      assertEquals(1, table.viewCount());
      v.delete();
      assertEquals(0, table.viewCount());
      Table created = remote.table("a,b\n1,x\n2,y\n", TableOptions.builder().name("made").build());
      assertEquals(2, created.size());
      assertTrue(parallax.getHostedTableNames().contains("made"));
    }
  }

  /**
   * Push callbacks run on the connection's callback thread, not on the socket reader: one may
   * call back into the same client (the reply is read meanwhile), and pushes keep their order.
   */
  @Test
  void pushCallbacksMayCallTheServerAndKeepTheirOrder() throws Exception {
    try (Client remote = Client.websocket(uri.toString())) {
      Table t = remote.openTable("t");
      View v = t.view(Map.of("group_by", List.of("name"), "columns", List.of("value")));
      int[] ports = new int[20];
      for (int i = 0; i < ports.length; i++) {
        ports[i] = table.makePort();
      }
      java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
      v.onUpdate(u -> seen.add(u.getPortId() + ":" + v.numRows()), UpdateMode.NONE);
      v.numRows(); // on_update has no reply: a later request proves it was registered
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < ports.length; i++) {
        table.update(List.of(Map.of("id", 6000 + i, "name", "m" + i, "value", 1.0)), dev.parallax.UpdateOptions.port(ports[i]));
        expected.add(ports[i] + ":" + (9 + i));
      }
      List<String> got = new ArrayList<>();
      for (int i = 0; i < ports.length; i++) {
        String s = seen.poll(10, TimeUnit.SECONDS);
        assertTrue(s != null, "push " + i + " missing; got " + got);
        got.add(s);
      }
      // Each callback read after its own update, possibly after later ones too.
      for (int i = 0; i < ports.length; i++) {
        String[] g = got.get(i).split(":");
        assertEquals(String.valueOf(ports[i]), g[0]);
        assertTrue(Integer.parseInt(g[1]) >= 9 + i, got.toString());
      }
    }
  }

  /**
   * With {@code callbackExecutor(Runnable::run)} callbacks run on the connection's I/O thread: a
   * blocking call there fails at once (it could never read its reply) instead of hanging the
   * connection, and an async read sent from there completes with data that includes the update.
   */
  @Test
  void ioThreadCallbacksReadAsynchronouslyAndMayNotBlock() throws Exception {
    RemoteOptions inline = RemoteOptions.builder().callbackExecutor(Runnable::run).build();
    try (AsyncClient remote = AsyncClient.websocket(uri.toString(), inline).get(10, TimeUnit.SECONDS)) {
      AsyncView v = remote.openTable("t").thenCompose(t -> t.view(Map.of("group_by", List.of("name"),
          "columns", List.of("value")))).get(10, TimeUnit.SECONDS);
      java.util.concurrent.BlockingQueue<Object> seen = new java.util.concurrent.LinkedBlockingQueue<>();
      v.onUpdate(u -> {
        try {
          v.sync().numRows();
          seen.add("a blocking call returned");
        } catch (ParallaxStateException e) {
          seen.add(e);
        }
        v.toColumns().whenComplete((cols, e) -> seen.add(e != null ? e : cols.get("__ROW_PATH__").size()));
      }).get(10, TimeUnit.SECONDS);
      v.dimensions().get(10, TimeUnit.SECONDS); // registered before the update
      table.update(List.of(Map.of("id", 7000, "name", "fresh", "value", 1.0)));
      Object first = seen.poll(10, TimeUnit.SECONDS);
      assertTrue(first instanceof ParallaxStateException, String.valueOf(first));
      assertTrue(((Exception) first).getMessage().contains("I/O thread"), ((Exception) first).getMessage());
      assertEquals(9, seen.poll(10, TimeUnit.SECONDS)); // total + 7 old groups + "fresh"
      // The connection still works after the refused call.
      assertEquals(9L, v.dimensions().get(10, TimeUnit.SECONDS).numViewRows());
    }
  }

  /**
   * Remote async reads are sent at once when the client is idle, else behind its queued calls:
   * a read made right after an update (still queued or running) sees that update.
   */
  @Test
  void asyncRemoteReadsKeepTheClientsCallOrder() throws Exception {
    try (AsyncClient remote = AsyncClient.websocket(uri.toString()).get(10, TimeUnit.SECONDS)) {
      AsyncTable t = remote.openTable("t").get(10, TimeUnit.SECONDS);
      AsyncView v = t.view(Map.of("columns", List.of("id"))).get(10, TimeUnit.SECONDS);
      List<java.util.concurrent.CompletableFuture<dev.parallax.ViewDimensions>> reads = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        t.update(List.of(Map.of("id", 8000 + i, "name", "o", "value", 1.0)));
        reads.add(v.dimensions());
      }
      for (int i = 0; i < 50; i++) {
        assertEquals(1001L + i, reads.get(i).get(10, TimeUnit.SECONDS).numViewRows(), "read " + i);
      }
    }
  }

  /** A response far larger than one socket read reaches the client in pieces and is reassembled. */
  @Test
  void largeResponsesAreReassembled() throws Exception {
    StringBuilder csv = new StringBuilder("id,name,value\n");
    for (int i = 0; i < 60_000; i++) {
      csv.append(i).append(",name").append(i).append(',').append(i * 0.25).append('\n');
    }
    parallax.newLocalClient().table(csv.toString(), TableOptions.builder().name("big").build());
    try (Client remote = Client.websocket(uri.toString());
        Client local = parallax.newLocalClient();
        View rv = remote.openTable("big").view();
        View lv = local.openTable("big").view()) {
      String expected = lv.toCsv();
      assertTrue(expected.length() > 1 << 20, "at least 1 MiB: " + expected.length());
      assertEquals(expected, rv.toCsv());
      assertEquals(60_000, rv.numRows()); // the connection is still in step
    }
  }

  @Test
  void proxySessionRelaysWithTheCallersMsgIds() throws Exception {
    java.util.concurrent.BlockingQueue<Response> got = new java.util.concurrent.LinkedBlockingQueue<>();
    try (Client upstream = Client.websocket(uri.toString());
        dev.parallax.ProxySession proxy = new dev.parallax.ProxySession(upstream, b -> {
          try {
            got.add(Response.parseFrom(b));
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        })) {
      proxy.handleRequest(size(77).build().toByteArray());
      Response r = got.poll(10, TimeUnit.SECONDS);
      assertEquals(77, r.getMsgId());
      assertEquals(1000, r.getTableSizeResp().getSize());
      proxy.handleRequest(req(78, "t").setTableMakeViewReq(TableMakeViewReq.newBuilder().setViewId("pv")).build().toByteArray());
      assertEquals(78, got.poll(10, TimeUnit.SECONDS).getMsgId());
      proxy.handleRequest(req(79, "pv").setViewOnUpdateReq(ViewOnUpdateReq.getDefaultInstance()).build().toByteArray());
      proxy.handleRequest(req(80, "pv").setViewDimensionsReq(ViewDimensionsReq.getDefaultInstance()).build().toByteArray());
      assertEquals(80, got.poll(10, TimeUnit.SECONDS).getMsgId());
      table.update(List.of(Map.of("id", 1, "name", "x", "value", 0.5)));
      Response push = got.poll(10, TimeUnit.SECONDS);
      assertEquals(79, push.getMsgId());
      assertTrue(push.hasViewOnUpdateResp());
      proxy.handleRequest(req(81, "pv").setViewRemoveOnUpdateReq(ViewRemoveOnUpdateReq.newBuilder().setId(79)).build().toByteArray());
      assertEquals(81, got.poll(10, TimeUnit.SECONDS).getMsgId());
      table.update(List.of(Map.of("id", 2, "name", "y", "value", 0.25)));
      proxy.handleRequest(size(82).build().toByteArray());
      assertEquals(82, got.poll(10, TimeUnit.SECONDS).getMsgId(), "no push after the subscription was removed");
    }
  }

  /** A request split over several frames is gathered; one over the limit in pieces closes with 1009. */
  @Test
  void fragmentedMessagesAreGatheredUpToTheLimit() throws Exception {
    try (RawSocket s = new RawSocket(uri, true); RawSocket big = new RawSocket(uri, true)) {
      byte[] bytes = size(11).build().toByteArray();
      int third = bytes.length / 3;
      s.socket.sendBinary(ByteBuffer.wrap(bytes, 0, third), false).get(10, TimeUnit.SECONDS);
      s.socket.sendBinary(ByteBuffer.wrap(bytes, third, third), false).get(10, TimeUnit.SECONDS);
      s.socket.sendBinary(ByteBuffer.wrap(bytes, 2 * third, bytes.length - 2 * third), true).get(10, TimeUnit.SECONDS);
      Response r = s.next();
      assertEquals(11, r.getMsgId());
      assertEquals(1000, r.getTableSizeResp().getSize());
      byte[] piece = new byte[(int) (MAX_MESSAGE / 4) + 1];
      try {
        for (int i = 0; i < 5 && !big.closed.isDone(); i++) {
          big.socket.sendBinary(ByteBuffer.wrap(piece), false).get(10, TimeUnit.SECONDS);
        }
      } catch (Exception e) {
        // The server may cut the connection while the pieces are still being written.
      }
      assertEquals(1009, (int) big.closed.get(10, TimeUnit.SECONDS));
      s.send(size(12));
      assertEquals(12, s.next().getMsgId());
    }
  }

  /**
   * Requests handled off the event loop (every one, with offloadBytes 0) keep their order, and
   * pushes interleave with their responses as the session made them.
   */
  @Test
  void offloadedRequestsKeepTheirOrder() throws Exception {
    try (WebSocketServer offloading = WebSocketServer.start(parallax, "127.0.0.1", 0,
            WebSocketOptions.defaults().withOffloadBytes(0), null, 1, null);
        RawSocket s = new RawSocket(URI.create("ws://127.0.0.1:" + offloading.port() + "/websocket"), true)) {
      s.send(req(1, "t").setTableMakeViewReq(TableMakeViewReq.newBuilder().setViewId("ov")));
      s.send(req(2, "ov").setViewOnUpdateReq(ViewOnUpdateReq.getDefaultInstance()));
      int n = 30;
      for (int i = 0; i < n; i++) {
        s.send(req(100 + i, "t").setTableUpdateReq(TableUpdateReq.newBuilder().setData(MakeTableData.newBuilder()
            .setFromCsv("id,name,value\n" + (20_000 + i) + ",o," + i + "\n"))));
        s.send(size(200 + i));
      }
      assertEquals(1, s.next().getMsgId());
      int pushes = 0;
      for (int i = 0; i < n; i++) {
        for (int id : new int[] {100 + i, 200 + i}) {
          Response r = s.next();
          while (r.getMsgId() == 2) {
            pushes++;
            r = s.next();
          }
          assertEquals(id, r.getMsgId(), "responses in request order");
          if (id >= 200) {
            assertEquals(1000 + i + 1, r.getTableSizeResp().getSize(), "each size sees its own update");
          }
        }
      }
      while (pushes < n) {
        assertEquals(2, s.next().getMsgId());
        pushes++;
      }
      assertEquals(1000 + n, table.size());
    }
  }

  /** The timeout is long enough for the view to be made first even on a busy machine. */
  @Test
  void idleConnectionsAreClosed() throws Exception {
    try (WebSocketServer idle = WebSocketServer.start(parallax, "127.0.0.1", 0,
            WebSocketOptions.defaults().withIdleTimeout(java.time.Duration.ofSeconds(2)), null, 1, null);
        RawSocket s = new RawSocket(URI.create("ws://127.0.0.1:" + idle.port() + "/websocket"), true)) {
      s.send(req(1, "t").setTableMakeViewReq(TableMakeViewReq.newBuilder().setViewId("iv")));
      assertTrue(s.next().hasTableMakeViewResp());
      assertEquals(1001, (int) s.closed.get(30, TimeUnit.SECONDS));
      long deadline = System.currentTimeMillis() + 10_000;
      while (table.viewCount() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, table.viewCount(), "its view went with it");
    }
  }

  @Test
  void garbageAndTruncatedFramesGetAnErrorAndTheConnectionGoesOn() throws Exception {
    try (RawSocket s = new RawSocket(uri, true)) {
      s.send(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff});
      assertTrue(s.next().hasServerError());
      byte[] good = size(7).build().toByteArray();
      s.send(java.util.Arrays.copyOf(good, good.length - 2));
      assertTrue(s.next().hasServerError());
      s.send(req(8, ""));
      Response unknown = s.next();
      assertEquals(8, unknown.getMsgId());
      assertTrue(unknown.getServerError().getMessage().startsWith("Unhandled request type"));
      s.send(req(9, "no-such-view").setViewDimensionsReq(ViewDimensionsReq.getDefaultInstance()));
      assertEquals(StatusCode.VIEW_NOT_FOUND, s.next().getServerError().getStatusCode());
      s.send(good);
      Response r = s.next();
      assertEquals(7, r.getMsgId());
      assertEquals(1000, r.getTableSizeResp().getSize());
    }
  }

  @Test
  void textFramesAndOversizedMessagesCloseOnlyThatConnection() throws Exception {
    try (RawSocket healthy = new RawSocket(uri, true); RawSocket text = new RawSocket(uri, true);
        RawSocket big = new RawSocket(uri, true)) {
      text.socket.sendText("{\"hello\": 1}", true).get(10, TimeUnit.SECONDS);
      assertEquals(1003, (int) text.closed.get(10, TimeUnit.SECONDS));
      byte[] huge = req(1, "t").setTableUpdateReq(TableUpdateReq.newBuilder().setData(MakeTableData.newBuilder()
          .setFromCsv("id,name,value\n" + "1,x,1.0\n".repeat((int) (MAX_MESSAGE / 8) + 10)))).build().toByteArray();
      try {
        big.socket.sendBinary(ByteBuffer.wrap(huge), true).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // The server may cut the connection while the message is still being written.
      }
      assertEquals(1009, (int) big.closed.get(10, TimeUnit.SECONDS));
      healthy.send(size(2));
      assertEquals(1000, healthy.next().getTableSizeResp().getSize());
    }
    assertEquals(1000, table.size());
  }

  @Test
  void aClientThatVanishesMidStreamLosesItsViewsOnly() throws Exception {
    try (RawSocket healthy = new RawSocket(uri, true)) {
      RawSocket vanishing = new RawSocket(uri, true);
      vanishing.send(req(1, "t").setTableMakeViewReq(TableMakeViewReq.newBuilder().setViewId("gone")));
      assertTrue(vanishing.next().hasTableMakeViewResp());
      assertEquals(1, table.viewCount());
      for (int i = 0; i < 20; i++) {
        vanishing.send(req(10 + i, "gone").setViewToArrowReq(ViewToArrowReq.getDefaultInstance()));
      }
      vanishing.close();
      long deadline = System.currentTimeMillis() + 10_000;
      while (table.viewCount() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, table.viewCount());
      healthy.send(size(3));
      assertEquals(1000, healthy.next().getTableSizeResp().getSize());
    }
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAndOthersGetEveryPush() throws Exception {
    try (RawSocket healthy = new RawSocket(uri, true); RawSocket stalled = new RawSocket(uri, false)) {
      for (RawSocket s : List.of(healthy, stalled)) {
        s.send(req(1, "t").setTableMakeViewReq(TableMakeViewReq.newBuilder().setViewId(s == healthy ? "hv" : "sv")));
        s.send(req(2, s == healthy ? "hv" : "sv").setViewOnUpdateReq(ViewOnUpdateReq.getDefaultInstance()));
      }
      assertTrue(healthy.next().hasTableMakeViewResp());
      // The stalled client asks for the whole table over and over without reading.
      for (int i = 0; i < 2000 && !stalled.closed.isDone() && connections.size() > 1; i++) {
        stalled.send(req(100 + i, "sv").setViewToColumnsStringReq(ViewToColumnsStringReq.getDefaultInstance()));
      }
      int updates = 50;
      for (int i = 0; i < updates; i++) {
        table.update(List.of(Map.of("id", 10_000 + i, "name", "new", "value", (double) i)));
      }
      int pushes = 0;
      while (pushes < updates) {
        Response r = healthy.next();
        if (r.hasViewOnUpdateResp()) {
          assertEquals(2, r.getMsgId());
          pushes++;
        }
      }
      long deadline = System.currentTimeMillis() + 20_000;
      while (connections.size() > 1 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(1, connections.size(), "the stalled client was disconnected");
      assertEquals(1, table.viewCount(), "its view was deleted");
      healthy.send(size(9));
      Response r = healthy.next();
      while (!r.hasTableSizeResp()) {
        r = healthy.next();
      }
      assertEquals(1000 + updates, r.getTableSizeResp().getSize());
    }
  }
}
