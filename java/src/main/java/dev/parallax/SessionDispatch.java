package dev.parallax;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.parallax.proto.*;
import java.util.List;
import java.util.Map;

/**
 * The protocol's request types mapped onto the Java API, one method per request type. Each
 * returns the response to send, or null for a subscription (answered later by pushes).
 * Errors are thrown: {@link Session.ProtocolError} for unknown views and tables (with the
 * reference server's status and message), {@link ParallaxException} for the engine's.
 *
 * <p>Stateless; runs under the calling session's request lock.
 */
final class SessionDispatch {
  private SessionDispatch() {}

  static final String VIEW_NOT_FOUND = "View not found";
  static final String TABLE_NOT_FOUND = "Couldn't find key.";

  /** Requests that change a table (their pushes follow their response). */
  static boolean isChange(Request req) {
    switch (req.getClientReqCase()) {
      case TABLE_UPDATE_REQ:
      case TABLE_REMOVE_REQ:
      case TABLE_REPLACE_REQ:
      case MAKE_TABLE_REQ:
        return true;
      default:
        return false;
    }
  }

  /** Table or output rows above which a request may hold a thread for milliseconds or more. */
  static final long LONG_ROWS = 100_000;

  /**
   * Whether {@code req} may take long (see {@link Session.Call#mayTakeLong()}): view creation on a
   * large table (the view is computed when made), serialisations whose window may cover many
   * rows. Bounded by the table's row count, which no view of it exceeds. Runs outside the
   * session's lock: a table or view deleted meanwhile answers false (the request then fails fast).
   */
  static boolean mayTakeLong(Session s, Request req) {
    try {
      switch (req.getClientReqCase()) {
        case TABLE_MAKE_VIEW_REQ: {
          LocalTable t = s.server.find(req.getEntityId());
          return t != null && t.isOpen() && t.size() > LONG_ROWS;
        }
        case VIEW_TO_COLUMNS_STRING_REQ:
          return manyRows(s, req.getEntityId(), req.getViewToColumnsStringReq().getViewport());
        case VIEW_TO_ROWS_STRING_REQ:
          return manyRows(s, req.getEntityId(), req.getViewToRowsStringReq().getViewport());
        case VIEW_TO_NDJSON_STRING_REQ:
          return manyRows(s, req.getEntityId(), req.getViewToNdjsonStringReq().getViewport());
        case VIEW_TO_CSV_REQ:
          return manyRows(s, req.getEntityId(), req.getViewToCsvReq().getViewport());
        case VIEW_TO_ARROW_REQ:
          return manyRows(s, req.getEntityId(), req.getViewToArrowReq().getViewport());
        default:
          return false;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean manyRows(Session s, String viewId, ViewPort p) {
    if (p.hasEndRow()) {
      long start = p.hasStartRow() ? Integer.toUnsignedLong(p.getStartRow()) : 0;
      if (Integer.toUnsignedLong(p.getEndRow()) - start <= LONG_ROWS) {
        return false;
      }
    }
    Session.HostedView hv = s.server.protocolViews.get(viewId);
    return hv != null && hv.view().isOpen() && hv.view().getTable().size() > LONG_ROWS;
  }

  static Response.Builder dispatch(Session s, Request req) {
    String entity = req.getEntityId();
    Response.Builder r = Response.newBuilder();
    switch (req.getClientReqCase()) {
      // ---- client level ----
      case GET_FEATURES_REQ:
        return r.setGetFeaturesResp(Features.get().message());
      case GET_HOSTED_TABLES_REQ:
        if (req.getGetHostedTablesReq().getSubscribe()) {
          subscribeHosted(s, req.getMsgId());
          return null;
        }
        return r.setGetHostedTablesResp(hostedTables(s.server));
      case REMOVE_HOSTED_TABLES_UPDATE_REQ:
        cancel(s, s.hostedSubs, req.getRemoveHostedTablesUpdateReq().getId());
        return r.setRemoveHostedTablesUpdateResp(RemoveHostedTablesUpdateResp.getDefaultInstance());
      case SERVER_SYSTEM_INFO_REQ:
        return r.setServerSystemInfoResp(systemInfo(s));
      case MAKE_TABLE_REQ:
        makeTable(s, entity, req.getMakeTableReq());
        return r.setMakeTableResp(MakeTableResp.getDefaultInstance());

      // ---- table ----
      case TABLE_SCHEMA_REQ:
        return r.setTableSchemaResp(TableSchemaResp.newBuilder().setSchema(ProtocolCodec.schema(table(s, entity).schema())));
      case TABLE_SIZE_REQ:
        return r.setTableSizeResp(TableSizeResp.newBuilder().setSize((int) table(s, entity).size()));
      case TABLE_MAKE_PORT_REQ:
        return r.setTableMakePortResp(TableMakePortResp.newBuilder().setPortId(table(s, entity).makePort()));
      case TABLE_VALIDATE_EXPR_REQ:
        return r.setTableValidateExprResp(validateExpressions(s, entity, req.getTableValidateExprReq()));
      case TABLE_MAKE_VIEW_REQ:
        return r.setTableMakeViewResp(makeView(s, entity, req.getTableMakeViewReq()));
      case TABLE_UPDATE_REQ: {
        TableUpdateReq u = req.getTableUpdateReq();
        LocalTable t = table(s, entity);
        ProtocolCodec.Input in = ProtocolCodec.input(u.getData(), false, id -> view(s, id).view());
        t.update(in.data(), UpdateOptions.port(u.getPortId()).withFormat(in.format()));
        return r.setTableUpdateResp(TableUpdateResp.getDefaultInstance());
      }
      case TABLE_REPLACE_REQ: {
        LocalTable t = table(s, entity);
        MakeTableData data = req.getTableReplaceReq().getData();
        if (data.hasFromRows() && data.getFromRows().strip().equals("[]")) {
          // The JS client's clear(): like the reference, it notifies nobody.
          t.clear();
          return r.setTableReplaceResp(TableReplaceResp.getDefaultInstance());
        }
        ProtocolCodec.Input in = ProtocolCodec.input(req.getTableReplaceReq().getData(), false, id -> view(s, id).view());
        t.replace(in.data(), UpdateOptions.format(in.format()));
        return r.setTableReplaceResp(TableReplaceResp.getDefaultInstance());
      }
      case TABLE_REMOVE_REQ:
        table(s, entity).remove(keys(req.getTableRemoveReq().getData()));
        return r.setTableRemoveResp(TableRemoveResp.getDefaultInstance());
      case TABLE_DELETE_REQ:
        return deleteTable(s, req) ? r.setTableDeleteResp(TableDeleteResp.getDefaultInstance()) : null;
      case TABLE_ON_DELETE_REQ: {
        int msgId = req.getMsgId();
        LocalTable t = table(s, entity);
        long id = t.onDelete(() -> s.push(Response.newBuilder().setMsgId(msgId).setEntityId(entity)
            .setTableOnDeleteResp(TableOnDeleteResp.getDefaultInstance()).build(), false));
        subscribe(s, s.tableDeleteSubs, msgId, () -> t.removeDelete(id));
        return null;
      }
      case TABLE_REMOVE_DELETE_REQ:
        cancel(s, s.tableDeleteSubs, req.getTableRemoveDeleteReq().getId());
        return r.setTableRemoveDeleteResp(TableRemoveDeleteResp.getDefaultInstance());

      // ---- view ----
      case VIEW_SCHEMA_REQ:
        return r.setViewSchemaResp(ViewSchemaResp.newBuilder().putAllSchema(types(view(s, entity).view().schema())));
      case VIEW_EXPRESSION_SCHEMA_REQ:
        return r.setViewExpressionSchemaResp(
            ViewExpressionSchemaResp.newBuilder().putAllSchema(types(view(s, entity).view().expressionSchema())));
      case VIEW_DIMENSIONS_REQ: {
        ViewDimensions d = view(s, entity).view().dimensions();
        return r.setViewDimensionsResp(ViewDimensionsResp.newBuilder()
            .setNumTableRows((int) d.numTableRows()).setNumTableColumns((int) d.numTableColumns())
            .setNumViewRows((int) d.numViewRows()).setNumViewColumns((int) d.numViewColumns()));
      }
      case VIEW_GET_CONFIG_REQ: {
        LocalView v = view(s, entity).view();
        // As the reference server: aggregates are not echoed (the viewer keeps its own).
        return r.setViewGetConfigResp(ViewGetConfigResp.newBuilder()
            .setConfig(ProtocolCodec.config(v.getConfig(), v.getTable().columns()).toBuilder().clearAggregates()));
      }
      case VIEW_COLUMN_PATHS_REQ: {
        ViewColumnPathsReq p = req.getViewColumnPathsReq();
        ViewWindow.Builder w = ViewWindow.builder();
        if (p.hasStartCol()) {
          w.startCol(Integer.toUnsignedLong(p.getStartCol()));
        }
        if (p.hasEndCol()) {
          w.endCol(Integer.toUnsignedLong(p.getEndCol()));
        }
        return r.setViewColumnPathsResp(ViewColumnPathsResp.newBuilder().addAllPaths(view(s, entity).view().columnPaths(w.build())));
      }
      case VIEW_TO_COLUMNS_STRING_REQ: {
        ViewToColumnsStringReq q = req.getViewToColumnsStringReq();
        ViewWindow w = ProtocolCodec.window(q.getViewport(), q.hasId() && q.getId(), q.hasIndex() && q.getIndex(),
            q.hasFormatted() && q.getFormatted(), q.hasLeavesOnly() && q.getLeavesOnly());
        return r.setViewToColumnsStringResp(ViewToColumnsStringResp.newBuilder().setJsonString(view(s, entity).view().toColumnsString(w)));
      }
      case VIEW_TO_ROWS_STRING_REQ: {
        ViewToRowsStringReq q = req.getViewToRowsStringReq();
        ViewWindow w = ProtocolCodec.window(q.getViewport(), q.hasId() && q.getId(), q.hasIndex() && q.getIndex(),
            q.hasFormatted() && q.getFormatted(), q.hasLeavesOnly() && q.getLeavesOnly());
        return r.setViewToRowsStringResp(ViewToRowsStringResp.newBuilder().setJsonString(view(s, entity).view().toJsonString(w)));
      }
      case VIEW_TO_NDJSON_STRING_REQ: {
        ViewToNdjsonStringReq q = req.getViewToNdjsonStringReq();
        ViewWindow w = ProtocolCodec.window(q.getViewport(), q.hasId() && q.getId(), q.hasIndex() && q.getIndex(),
            q.hasFormatted() && q.getFormatted(), q.hasLeavesOnly() && q.getLeavesOnly());
        return r.setViewToNdjsonStringResp(ViewToNdjsonStringResp.newBuilder().setNdjsonString(view(s, entity).view().toNdjson(w)));
      }
      case VIEW_TO_CSV_REQ: {
        ViewWindow w = ProtocolCodec.window(req.getViewToCsvReq().getViewport(), null, null, null, null);
        return r.setViewToCsvResp(ViewToCSVResp.newBuilder().setCsv(view(s, entity).view().toCsv(w)));
      }
      case VIEW_TO_ARROW_REQ: {
        ViewToArrowReq q = req.getViewToArrowReq();
        LocalView v = view(s, entity).view();
        ViewWindow w = ProtocolCodec.window(q.getViewport(), null, null, null, null);
        if (q.hasCompression()) {
          // As the reference server: "lz4" compresses, any other name is ignored.
          w = w.withCompression(q.getCompression());
        }
        byte[] arrow = v.toArrow(w);
        return r.setViewToArrowResp(ViewToArrowResp.newBuilder().setArrow(UnsafeByteOperations.unsafeWrap(arrow)));
      }
      case VIEW_GET_MIN_MAX_REQ: {
        List<Object> mm = view(s, entity).view().getMinMax(req.getViewGetMinMaxReq().getColumnName());
        return r.setViewGetMinMaxResp(ViewGetMinMaxResp.newBuilder()
            .setMin(Json.write(mm.isEmpty() ? null : mm.get(0))).setMax(Json.write(mm.size() < 2 ? null : mm.get(1))));
      }
      case VIEW_EXPAND_REQ:
        return r.setViewExpandResp(ViewExpandResp.newBuilder()
            .setNumChanged((int) view(s, entity).view().expand(Integer.toUnsignedLong(req.getViewExpandReq().getRowIndex()))));
      case VIEW_COLLAPSE_REQ:
        return r.setViewCollapseResp(ViewCollapseResp.newBuilder()
            .setNumChanged((int) view(s, entity).view().collapse(Integer.toUnsignedLong(req.getViewCollapseReq().getRowIndex()))));
      case VIEW_SET_DEPTH_REQ:
        view(s, entity).view().setDepth(req.getViewSetDepthReq().getDepth());
        return r.setViewSetDepthResp(ViewSetDepthResp.getDefaultInstance());
      case VIEW_ON_UPDATE_REQ: {
        int msgId = req.getMsgId();
        LocalView v = view(s, entity).view();
        UpdateMode mode = req.getViewOnUpdateReq().hasMode() ? UpdateMode.ROW : UpdateMode.NONE;
        long id = v.onUpdate(u -> {
          ViewOnUpdateResp.Builder push = ViewOnUpdateResp.newBuilder().setPortId(u.getPortId());
          u.getDelta().ifPresent(d -> push.setDelta(ByteString.copyFrom(d)));
          s.push(Response.newBuilder().setMsgId(msgId).setEntityId(entity).setViewOnUpdateResp(push).build(), true);
        }, mode);
        subscribe(s, s.updateSubs, msgId, () -> v.removeUpdate(id));
        return null;
      }
      case VIEW_REMOVE_ON_UPDATE_REQ:
        view(s, entity);
        cancel(s, s.updateSubs, req.getViewRemoveOnUpdateReq().getId());
        return r.setViewRemoveOnUpdateResp(ViewRemoveOnUpdateResp.getDefaultInstance());
      case VIEW_ON_DELETE_REQ: {
        int msgId = req.getMsgId();
        LocalView v = view(s, entity).view();
        long id = v.onDelete(() -> s.push(Response.newBuilder().setMsgId(msgId).setEntityId(entity)
            .setViewOnDeleteResp(ViewOnDeleteResp.getDefaultInstance()).build(), false));
        subscribe(s, s.viewDeleteSubs, msgId, () -> v.removeDelete(id));
        return null;
      }
      case VIEW_REMOVE_DELETE_REQ:
        view(s, entity);
        cancel(s, s.viewDeleteSubs, req.getViewRemoveDeleteReq().getId());
        return r.setViewRemoveDeleteResp(ViewRemoveDeleteResp.getDefaultInstance());
      case VIEW_DELETE_REQ: {
        Session.HostedView hv = view(s, entity);
        s.server.protocolViews.remove(entity, hv);
        synchronized (hv.owner()) {
          hv.owner().views.remove(entity);
        }
        hv.view().delete();
        return r.setViewDeleteResp(ViewDeleteResp.getDefaultInstance());
      }
      default:
        throw new Session.ProtocolError("Unhandled request type " + req.getClientReqCase().getNumber(), StatusCode.SERVER_ERROR);
    }
  }

  // ---- lookups ----

  static LocalTable table(Session s, String name) {
    LocalTable t = s.server.find(name);
    if (t == null || !t.isOpen()) {
      throw new Session.ProtocolError(TABLE_NOT_FOUND, StatusCode.SERVER_ERROR);
    }
    return t;
  }

  static Session.HostedView view(Session s, String id) {
    Session.HostedView hv = s.server.protocolViews.get(id);
    if (hv == null || !hv.view().isOpen()) {
      throw new Session.ProtocolError(VIEW_NOT_FOUND, StatusCode.VIEW_NOT_FOUND);
    }
    return hv;
  }

  // ---- subscriptions ----

  private static void subscribe(Session s, Map<Integer, Runnable> subs, int msgId, Runnable cancel) {
    Runnable previous;
    synchronized (s) {
      previous = subs.put(msgId, cancel);
    }
    if (previous != null) {
      previous.run();
    }
  }

  private static void cancel(Session s, Map<Integer, Runnable> subs, int msgId) {
    Runnable c;
    synchronized (s) {
      c = subs.remove(msgId);
    }
    if (c != null) {
      c.run();
    }
  }

  private static void subscribeHosted(Session s, int msgId) {
    long id = s.server.onHostedTablesUpdate(() -> s.push(Response.newBuilder().setMsgId(msgId).build(), true));
    subscribe(s, s.hostedSubs, msgId, () -> s.server.removeHostedTablesUpdate(id));
  }

  // ---- handlers ----

  private static GetHostedTablesResp hostedTables(Server server) {
    GetHostedTablesResp.Builder b = GetHostedTablesResp.newBuilder();
    for (LocalTable t : server.hostedTables()) {
      if (!t.isOpen()) {
        continue;
      }
      HostedTable.Builder h = HostedTable.newBuilder().setEntityId(t.getName());
      try {
        t.getIndex().ifPresent(h::setIndex);
        t.getLimit().ifPresent(l -> h.setLimit((int) l));
      } catch (ParallaxStateException e) {
        continue;
      }
      b.addTableInfos(h);
    }
    return b.build();
  }

  private static ServerSystemInfoResp systemInfo(Session s) {
    Map<String, Object> info = Parallax.systemInfo();
    long cpu = ((Number) info.getOrDefault("cpu_time_ms", 0L)).longValue();
    long wall = System.currentTimeMillis();
    ServerSystemInfoResp.Builder b = ServerSystemInfoResp.newBuilder()
        .setHeapSize(((Number) info.getOrDefault("rss_bytes", 0L)).longValue())
        .setUsedSize(((Number) info.getOrDefault("engine_bytes", 0L)).longValue());
    synchronized (s) {
      b.setCpuTime((int) (s.lastCpuMs < 0 ? 0 : cpu - s.lastCpuMs));
      b.setCpuTimeEpoch((int) (s.lastWallMs < 0 ? 0 : wall - s.lastWallMs));
      s.lastCpuMs = cpu;
      s.lastWallMs = wall;
    }
    return b.build();
  }

  private static void makeTable(Session s, String name, MakeTableReq req) {
    ProtocolCodec.Input in = ProtocolCodec.input(req.getData(), true, id -> view(s, id).view());
    TableOptions.Builder o = TableOptions.builder();
    if (!name.isEmpty()) {
      o.name(name);
    }
    if (in.format() != null) {
      o.format(in.format());
    }
    if (req.hasOptions()) {
      MakeTableReq.MakeTableOptions opts = req.getOptions();
      if (opts.hasMakeIndexTable()) {
        o.index(opts.getMakeIndexTable());
      } else if (opts.hasMakeLimitTable()) {
        o.limit(Integer.toUnsignedLong(opts.getMakeLimitTable()));
      }
    }
    s.server.host(in.data(), o.build(), null);
  }

  private static TableMakeViewResp makeView(Session s, String tableName, TableMakeViewReq req) {
    String id = req.getViewId();
    LocalTable t = table(s, tableName);
    if (s.server.protocolViews.containsKey(id)) {
      // As the reference server: the existing view is kept and the request succeeds.
      return TableMakeViewResp.newBuilder().setViewId(id).build();
    }
    ViewConfig config = req.hasConfig() ? ProtocolCodec.config(req.getConfig()) : ViewConfig.empty();
    LocalView v = (LocalView) t.view(config);
    Session.HostedView hv = new Session.HostedView(id, v, s);
    s.server.protocolViews.put(id, hv);
    synchronized (s) {
      s.views.put(id, hv);
    }
    v.onDelete(() -> {
      s.server.protocolViews.remove(id, hv);
      synchronized (s) {
        s.views.remove(id, hv);
      }
    });
    return TableMakeViewResp.newBuilder().setViewId(id).build();
  }

  private static TableValidateExprResp validateExpressions(Session s, String tableName, TableValidateExprReq req) {
    ExpressionValidation v = table(s, tableName).validateExpressions(req.getColumnToExprMap());
    TableValidateExprResp.Builder b = TableValidateExprResp.newBuilder();
    b.putAllExpressionSchema(types(v.expressionSchema()));
    v.errors().forEach((name, e) -> b.putErrors(name, TableValidateExprResp.ExprValidationError.newBuilder()
        .setErrorMessage(e.errorMessage()).setLine(e.line()).setColumn(e.column()).build()));
    b.putAllExpressionAlias(v.expressionAlias());
    return b.build();
  }

  /** Deletes now (true: reply now) or lazily (false: the reply comes with the deletion). */
  private static boolean deleteTable(Session s, Request req) {
    LocalTable t = table(s, req.getEntityId());
    if (req.getTableDeleteReq().getIsImmediate() || t.viewCount() == 0) {
      t.delete(false);
      return true;
    }
    int msgId = req.getMsgId();
    String entity = req.getEntityId();
    t.onDeleteReply(() -> s.push(Response.newBuilder().setMsgId(msgId).setEntityId(entity)
        .setTableDeleteResp(TableDeleteResp.getDefaultInstance()).build(), false));
    t.delete(true);
    return false;
  }

  private static List<Object> keys(MakeTableData d) {
    switch (d.getDataCase()) {
      case FROM_ROWS:
        return Json.parseArray(d.getFromRows());
      case FROM_COLS: {
        Object parsed = Json.parse(d.getFromCols());
        if (parsed instanceof List) {
          @SuppressWarnings("unchecked")
          List<Object> l = (List<Object>) parsed;
          return l;
        }
        throw new InvalidInputException("TableRemoveReq takes a JSON array of keys");
      }
      default:
        throw new InvalidInputException("TableRemoveReq takes a JSON array of keys");
    }
  }

  private static Map<String, dev.parallax.proto.ColumnType> types(Map<String, ColumnType> schema) {
    Map<String, dev.parallax.proto.ColumnType> out = new java.util.LinkedHashMap<>();
    schema.forEach((k, v) -> out.put(k, ProtocolCodec.toProto(v)));
    return out;
  }
}
