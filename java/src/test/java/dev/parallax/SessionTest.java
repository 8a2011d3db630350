package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parallax.proto.*;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Protocol dispatch through {@link Session}, in process: responses echo msg_id and entity_id,
 * subscriptions answer with pushes in the reference order, errors carry the reference status and
 * message, bad bytes get an error, and closing a session deletes its views only.
 */
class SessionTest extends ParallaxTestBase {
  private final List<Response> out = new ArrayList<>();

  private Session open() {
    return server.newSession(bytes -> {
      try {
        out.add(Response.parseFrom(bytes));
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    });
  }

  private static Request.Builder req(int msgId, String entity) {
    return Request.newBuilder().setMsgId(msgId).setEntityId(entity);
  }

  private Response last() {
    return out.get(out.size() - 1);
  }

  private void makeTable(Session s, String name) {
    s.handleRequest(req(1, name).setMakeTableReq(MakeTableReq.newBuilder()
        .setData(MakeTableData.newBuilder().setFromCsv("x,y\n1,a\n2,b\n3,a\n"))
        .setOptions(MakeTableReq.MakeTableOptions.newBuilder().setMakeIndexTable("x"))).build().toByteArray());
  }

  private void makeView(Session s, String table, String id, dev.parallax.proto.ViewConfig config) {
    s.handleRequest(req(2, table).setTableMakeViewReq(TableMakeViewReq.newBuilder().setViewId(id).setConfig(config)).build().toByteArray());
  }

  @Test
  void responsesEchoIdsAndServeTablesAndViews() {
    Session s = open();
    makeTable(s, "t");
    assertEquals(Response.ClientRespCase.MAKE_TABLE_RESP, last().getClientRespCase());
    assertEquals(1, last().getMsgId());
    assertEquals("t", last().getEntityId());
    s.handleRequest(req(-7, "").setGetHostedTablesReq(GetHostedTablesReq.getDefaultInstance()).build().toByteArray());
    assertEquals(-7, last().getMsgId());
    assertEquals("t", last().getGetHostedTablesResp().getTableInfos(0).getEntityId());
    assertEquals("x", last().getGetHostedTablesResp().getTableInfos(0).getIndex());
    s.handleRequest(req(3, "t").setTableSizeReq(TableSizeReq.getDefaultInstance()).build().toByteArray());
    assertEquals(3, last().getTableSizeResp().getSize());
    makeView(s, "t", "viewA", dev.parallax.proto.ViewConfig.newBuilder().addGroupBy("y")
        .setColumns(ColumnsUpdate.newBuilder().setColumns(ColumnsUpdate.Columns.newBuilder().addColumns("x"))).build());
    assertEquals("viewA", last().getTableMakeViewResp().getViewId());
    s.handleRequest(req(4, "viewA").setViewToColumnsStringReq(ViewToColumnsStringReq.newBuilder()
        .setViewport(ViewPort.newBuilder().setStartRow(0).setEndRow(100).setEndCol(100)).setId(true)).build().toByteArray());
    assertEquals("viewA", last().getEntityId());
    assertEquals("{\"__ROW_PATH__\":[[],[\"a\"],[\"b\"]],\"__ID__\":[[],[\"a\"],[\"b\"]],\"x\":[6,4,2]}",
        last().getViewToColumnsStringResp().getJsonString());
    s.handleRequest(req(5, "viewA").setViewGetConfigReq(ViewGetConfigReq.getDefaultInstance()).build().toByteArray());
    assertEquals(List.of("y"), last().getViewGetConfigResp().getConfig().getGroupByList());
    s.handleRequest(req(6, "").setGetFeaturesReq(GetFeaturesReq.getDefaultInstance()).build().toByteArray());
    GetFeaturesResp f = last().getGetFeaturesResp();
    assertTrue(f.getExpressions());
    assertTrue(f.getOnUpdate());
    for (dev.parallax.proto.ColumnType type : List.of(dev.parallax.proto.ColumnType.STRING, dev.parallax.proto.ColumnType.INTEGER,
        dev.parallax.proto.ColumnType.FLOAT, dev.parallax.proto.ColumnType.BOOLEAN, dev.parallax.proto.ColumnType.DATE,
        dev.parallax.proto.ColumnType.DATETIME)) {
      assertTrue(f.getAggregatesMap().get(type.getNumber()).getAggregatesCount() > 0, "aggregates for " + type);
    }
    assertEquals("sum", f.getAggregatesMap().get(dev.parallax.proto.ColumnType.INTEGER.getNumber()).getAggregates(0).getName());
    assertEquals("count", f.getAggregatesMap().get(dev.parallax.proto.ColumnType.STRING.getNumber()).getAggregates(0).getName());
    s.close();
  }

  @Test
  void unknownEntitiesAndBadBytesGetTheReferenceErrors() {
    Session s = open();
    s.handleRequest(req(9, "nope").setViewSchemaReq(ViewSchemaReq.getDefaultInstance()).build().toByteArray());
    assertEquals(StatusCode.VIEW_NOT_FOUND, last().getServerError().getStatusCode());
    assertEquals("View not found", last().getServerError().getMessage());
    assertEquals(9, last().getMsgId());
    s.handleRequest(req(10, "nope").setTableSizeReq(TableSizeReq.getDefaultInstance()).build().toByteArray());
    assertEquals(StatusCode.SERVER_ERROR, last().getServerError().getStatusCode());
    assertEquals("Couldn't find key.", last().getServerError().getMessage());
    s.handleRequest(req(11, "").build().toByteArray());
    assertTrue(last().getServerError().getMessage().startsWith("Unhandled request type"), last().toString());
    assertEquals(11, last().getMsgId());
    s.handleRequest(new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02});
    assertEquals(0, last().getMsgId());
    assertTrue(last().hasServerError());
    byte[] good = req(12, "t").setTableSizeReq(TableSizeReq.getDefaultInstance()).build().toByteArray();
    s.handleRequest(java.util.Arrays.copyOf(good, good.length - 3));
    assertTrue(last().hasServerError());
    makeTable(s, "t");
    makeView(s, "t", "v", dev.parallax.proto.ViewConfig.newBuilder()
        .setColumns(ColumnsUpdate.newBuilder().setColumns(ColumnsUpdate.Columns.newBuilder().addColumns("zz"))).build());
    assertEquals("Invalid column 'zz' found in View columns.", last().getServerError().getMessage().strip());
    s.handleRequest(req(13, "t").setTableUpdateReq(TableUpdateReq.newBuilder()
        .setData(MakeTableData.newBuilder().setFromSchema(Schema.getDefaultInstance()))).build().toByteArray());
    assertEquals("MakeTableReq malformed", last().getServerError().getMessage());
    s.handleRequest(good);
    assertEquals(3, last().getTableSizeResp().getSize());
    s.close();
  }

  @Test
  void updatePushesFollowTheResponseAndCarryTheSubscribingMsgId() {
    Session s = open();
    makeTable(s, "t");
    makeView(s, "t", "v", dev.parallax.proto.ViewConfig.getDefaultInstance());
    out.clear();
    s.handleRequest(req(20, "v").setViewOnUpdateReq(ViewOnUpdateReq.getDefaultInstance()).build().toByteArray());
    s.handleRequest(req(21, "v").setViewOnUpdateReq(ViewOnUpdateReq.newBuilder().setMode(ViewOnUpdateReq.Mode.ROW)).build().toByteArray());
    assertEquals(List.of(), out);
    s.handleRequest(req(22, "t").setTableMakePortReq(TableMakePortReq.getDefaultInstance()).build().toByteArray());
    int port = last().getTableMakePortResp().getPortId();
    out.clear();
    s.handleRequest(req(23, "t").setTableUpdateReq(TableUpdateReq.newBuilder().setPortId(port)
        .setData(MakeTableData.newBuilder().setFromRows("[{\"x\": 4, \"y\": \"c\"}]"))).build().toByteArray());
    assertEquals(3, out.size());
    assertEquals(23, out.get(0).getMsgId());
    assertTrue(out.get(0).hasTableUpdateResp());
    assertEquals(List.of(20, 21), List.of(out.get(1).getMsgId(), out.get(2).getMsgId()));
    assertEquals(port, out.get(1).getViewOnUpdateResp().getPortId());
    assertEquals("v", out.get(1).getEntityId());
    // Another session's change reaches this session's subscription too.
    Session other = open();
    out.clear();
    other.handleRequest(req(1, "t").setTableRemoveReq(TableRemoveReq.newBuilder()
        .setData(MakeTableData.newBuilder().setFromRows("[1]"))).build().toByteArray());
    assertEquals(List.of(20, 21, 1), out.stream().map(Response::getMsgId).toList());
    s.handleRequest(req(24, "v").setViewRemoveOnUpdateReq(ViewRemoveOnUpdateReq.newBuilder().setId(20)).build().toByteArray());
    out.clear();
    other.handleRequest(req(2, "t").setTableUpdateReq(TableUpdateReq.newBuilder()
        .setData(MakeTableData.newBuilder().setFromCols("{\"x\": [9]}"))).build().toByteArray());
    assertEquals(List.of(21, 2), out.stream().map(Response::getMsgId).toList());
    other.close();
    s.close();
  }

  @Test
  void deletesPushBeforeTheirResponseAndLazyDeleteRepliesWithTheLastView() {
    Session s = open();
    makeTable(s, "t");
    makeView(s, "t", "v", dev.parallax.proto.ViewConfig.getDefaultInstance());
    s.handleRequest(req(30, "v").setViewOnDeleteReq(ViewOnDeleteReq.getDefaultInstance()).build().toByteArray());
    s.handleRequest(req(31, "t").setTableOnDeleteReq(TableOnDeleteReq.getDefaultInstance()).build().toByteArray());
    out.clear();
    s.handleRequest(req(32, "t").setTableDeleteReq(TableDeleteReq.newBuilder().setIsImmediate(true)).build().toByteArray());
    assertEquals("Cannot delete table with views", last().getServerError().getMessage().strip());
    out.clear();
    s.handleRequest(req(33, "t").setTableDeleteReq(TableDeleteReq.newBuilder().setIsImmediate(false)).build().toByteArray());
    assertEquals(List.of(), out);
    s.handleRequest(req(34, "v").setViewDeleteReq(ViewDeleteReq.getDefaultInstance()).build().toByteArray());
    assertEquals(List.of(30, 33, 31, 34), out.stream().map(Response::getMsgId).toList());
    assertTrue(out.get(0).hasViewOnDeleteResp());
    assertTrue(out.get(1).hasTableDeleteResp());
    assertTrue(out.get(2).hasTableOnDeleteResp());
    assertTrue(out.get(3).hasViewDeleteResp());
    assertEquals(List.of(), server.getHostedTableNames());
    s.close();
  }

  @Test
  void closingASessionDeletesItsViewsAndKeepsTables() {
    Session s = open();
    makeTable(s, "t");
    makeView(s, "t", "v1", dev.parallax.proto.ViewConfig.getDefaultInstance());
    makeView(s, "t", "v2", dev.parallax.proto.ViewConfig.getDefaultInstance());
    Table t = client.openTable("t");
    assertEquals(2, t.viewCount());
    s.close();
    assertEquals(0, t.viewCount());
    assertEquals(List.of("t"), server.getHostedTableNames());
    Session again = open();
    again.handleRequest(req(1, "v1").setViewSchemaReq(ViewSchemaReq.getDefaultInstance()).build().toByteArray());
    assertEquals(StatusCode.VIEW_NOT_FOUND, last().getServerError().getStatusCode());
    again.close();
  }

  @Test
  void hostedTablePushesFollowTheMakeTableResponse() {
    Session s = open();
    s.handleRequest(req(40, "").setGetHostedTablesReq(GetHostedTablesReq.newBuilder().setSubscribe(true)).build().toByteArray());
    assertEquals(List.of(), out);
    makeTable(s, "t");
    assertEquals(List.of(1, 40), out.stream().map(Response::getMsgId).toList());
    assertEquals(Response.ClientRespCase.CLIENTRESP_NOT_SET, out.get(1).getClientRespCase());
    assertEquals("", out.get(1).getEntityId());
    s.close();
  }

  /**
   * A transport may move requests that can take long off its event loop: view creation on a
   * table over 100,000 rows and serialisations that may cover more rows than that; windowed
   * reads, small tables and everything else stay cheap.
   */
  @Test
  void requestsThatMayTakeLongAreToldApart() {
    Session s = open();
    makeTable(s, "small");
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 100_001; i++) {
      csv.append(i).append(",a\n");
    }
    s.handleRequest(req(1, "big").setMakeTableReq(MakeTableReq.newBuilder()
        .setData(MakeTableData.newBuilder().setFromCsv(csv.toString()))).build().toByteArray());
    dev.parallax.proto.ViewConfig flat = dev.parallax.proto.ViewConfig.getDefaultInstance();
    java.util.function.Function<Request.Builder, Boolean> slow = r -> s.prepare(r.build().toByteArray()).mayTakeLong();
    assertTrue(slow.apply(req(3, "big").setTableMakeViewReq(TableMakeViewReq.newBuilder().setViewId("vb").setConfig(flat))));
    assertFalse(slow.apply(req(3, "small").setTableMakeViewReq(TableMakeViewReq.newBuilder().setViewId("vs").setConfig(flat))));
    makeView(s, "big", "vb", flat);
    makeView(s, "small", "vs", flat);
    ViewPort all = ViewPort.getDefaultInstance();
    ViewPort screen = ViewPort.newBuilder().setStartRow(0).setEndRow(50).build();
    assertTrue(slow.apply(req(4, "vb").setViewToArrowReq(ViewToArrowReq.newBuilder().setViewport(all))));
    assertTrue(slow.apply(req(4, "vb").setViewToColumnsStringReq(ViewToColumnsStringReq.newBuilder().setViewport(all))));
    assertTrue(slow.apply(req(4, "vb").setViewToCsvReq(ViewToCSVReq.newBuilder().setViewport(all))));
    assertFalse(slow.apply(req(4, "vb").setViewToArrowReq(ViewToArrowReq.newBuilder().setViewport(screen))));
    assertFalse(slow.apply(req(4, "vs").setViewToArrowReq(ViewToArrowReq.newBuilder().setViewport(all))));
    assertFalse(slow.apply(req(4, "vb").setViewDimensionsReq(ViewDimensionsReq.getDefaultInstance())));
    assertFalse(slow.apply(req(4, "nope").setViewToArrowReq(ViewToArrowReq.newBuilder().setViewport(all))));
    assertFalse(s.prepare(new byte[] {1, 2, 3}).mayTakeLong());
    // Prepared calls run as handleRequest would.
    int before = out.size();
    s.prepare(req(5, "vb").setViewDimensionsReq(ViewDimensionsReq.getDefaultInstance()).build().toByteArray()).run();
    assertEquals(before + 1, out.size());
    assertEquals(100_001, last().getViewDimensionsResp().getNumViewRows());
    s.close();
  }
}
