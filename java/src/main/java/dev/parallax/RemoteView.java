package dev.parallax;

import dev.parallax.proto.*;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * A view on a remote server, addressed by its client-made id. Every call is one request;
 * listeners are protocol subscriptions whose pushes run on the connection's callback executor
 * ({@link RemoteOptions}). The package-private {@code *Async} calls send without waiting (for
 * {@link AsyncView}). Thread-safe.
 */
final class RemoteView extends View {
  private final RemoteClient client;
  private final RemoteTable table;
  private final String id;
  private final AtomicBoolean open = new AtomicBoolean(true);

  RemoteView(RemoteClient client, RemoteTable table, String id) {
    this.client = client;
    this.table = table;
    this.id = id;
  }

  private Response call(Request.Builder req) {
    if (!open.get()) {
      throw new ParallaxStateException("View has been closed");
    }
    return client.connection.call(req.setEntityId(id));
  }

  /** Sends {@code req} without waiting; the result completes on the connection's callback executor. */
  private <T> CompletableFuture<T> ask(Request.Builder req, Function<Response, T> decode) {
    if (!open.get()) {
      return CompletableFuture.failedFuture(new ParallaxStateException("View has been closed"));
    }
    return client.connection.requestAsync(req.setEntityId(id)).thenApply(decode);
  }

  // The requests of the calls AsyncView sends without blocking a thread (ask), shared with
  // their blocking forms.

  private static Request.Builder arrowRequest(ViewWindow window) {
    ViewToArrowReq.Builder req = ViewToArrowReq.newBuilder().setViewport(ProtocolCodec.viewport(window));
    if (window.getCompression() != null) {
      req.setCompression(window.getCompression());
    }
    return Request.newBuilder().setViewToArrowReq(req);
  }

  private static Request.Builder columnsRequest(ViewWindow w) {
    return Request.newBuilder().setViewToColumnsStringReq(ViewToColumnsStringReq.newBuilder()
        .setViewport(ProtocolCodec.viewport(w)).setId(w.isId()).setIndex(w.isIndex())
        .setFormatted(w.isFormatted()).setLeavesOnly(w.isLeavesOnly()));
  }

  private static Request.Builder rowsRequest(ViewWindow w) {
    return Request.newBuilder().setViewToRowsStringReq(ViewToRowsStringReq.newBuilder()
        .setViewport(ProtocolCodec.viewport(w)).setId(w.isId()).setIndex(w.isIndex())
        .setFormatted(w.isFormatted()).setLeavesOnly(w.isLeavesOnly()));
  }

  private static Request.Builder csvRequest(ViewWindow w) {
    return Request.newBuilder().setViewToCsvReq(ViewToCSVReq.newBuilder().setViewport(ProtocolCodec.viewport(w)));
  }

  private static Request.Builder dimensionsRequest() {
    return Request.newBuilder().setViewDimensionsReq(ViewDimensionsReq.getDefaultInstance());
  }

  private static Request.Builder schemaRequest() {
    return Request.newBuilder().setViewSchemaReq(ViewSchemaReq.getDefaultInstance());
  }

  private static byte[] arrowOf(Response r) {
    return r.getViewToArrowResp().getArrow().toByteArray();
  }

  private static ViewDimensions dimensionsOf(Response r) {
    ViewDimensionsResp d = r.getViewDimensionsResp();
    return new ViewDimensions(Integer.toUnsignedLong(d.getNumTableRows()), Integer.toUnsignedLong(d.getNumTableColumns()),
        Integer.toUnsignedLong(d.getNumViewRows()), Integer.toUnsignedLong(d.getNumViewColumns()));
  }

  CompletableFuture<byte[]> toArrowAsync(ViewWindow window) {
    return ask(arrowRequest(window), RemoteView::arrowOf);
  }

  CompletableFuture<String> toColumnsStringAsync(ViewWindow window) {
    return ask(columnsRequest(window), r -> r.getViewToColumnsStringResp().getJsonString());
  }

  CompletableFuture<String> toJsonStringAsync(ViewWindow window) {
    return ask(rowsRequest(window), r -> r.getViewToRowsStringResp().getJsonString());
  }

  CompletableFuture<String> toCsvAsync(ViewWindow window) {
    return ask(csvRequest(window), r -> r.getViewToCsvResp().getCsv());
  }

  CompletableFuture<ViewDimensions> dimensionsAsync() {
    return ask(dimensionsRequest(), RemoteView::dimensionsOf);
  }

  CompletableFuture<Map<String, ColumnType>> schemaAsync() {
    return ask(schemaRequest(), r -> types(r.getViewSchemaResp().getSchemaMap()));
  }

  @Override
  public Table getTable() {
    return table;
  }

  @Override
  public byte[] toArrow(ViewWindow window) {
    return arrowOf(call(arrowRequest(window)));
  }

  /** The window decoded from the server's Arrow IPC bytes (a copy; strings decoded). */
  @Override
  public VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator, ViewWindow window) {
    return decode(allocator, toArrow(window));
  }

  /**
   * The window read from the server's Arrow IPC bytes, string columns left dictionary-encoded
   * with their dictionaries in {@code dictionaries}, as for a local view. The caller closes both
   * the root and the provider.
   */
  @Override
  public VectorSchemaRoot toVectorSchemaRoot(BufferAllocator allocator, ViewWindow window, CDataDictionaryProvider dictionaries) {
    if (dictionaries == null) {
      throw new InvalidInputException("dictionaries must not be null");
    }
    return ArrowBridge.importIpc(allocator, toArrow(window), dictionaries);
  }

  /** One IPC stream's first batch as a root owned by the caller, dictionaries decoded. */
  static VectorSchemaRoot decode(BufferAllocator allocator, byte[] ipc) {
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator, ArrowBridge.CODECS)) {
      VectorSchemaRoot source = reader.getVectorSchemaRoot();
      reader.loadNextBatch();
      return ArrowBridge.decodeVectors(allocator, source, reader);
    } catch (IOException e) {
      throw new ParseException("Invalid Arrow IPC data from the server: " + e.getMessage(), e);
    }
  }

  @Override
  public String toColumnsString(ViewWindow w) {
    return call(columnsRequest(w)).getViewToColumnsStringResp().getJsonString();
  }

  @Override
  public String toJsonString(ViewWindow w) {
    return call(rowsRequest(w)).getViewToRowsStringResp().getJsonString();
  }

  @Override
  public String toNdjson(ViewWindow w) {
    return call(Request.newBuilder().setViewToNdjsonStringReq(ViewToNdjsonStringReq.newBuilder()
        .setViewport(ProtocolCodec.viewport(w)).setId(w.isId()).setIndex(w.isIndex())
        .setFormatted(w.isFormatted()).setLeavesOnly(w.isLeavesOnly()))).getViewToNdjsonStringResp().getNdjsonString();
  }

  @Override
  public String toCsv(ViewWindow w) {
    return call(csvRequest(w)).getViewToCsvResp().getCsv();
  }

  @Override
  public ViewDimensions dimensions() {
    return dimensionsOf(call(dimensionsRequest()));
  }

  @Override
  public Map<String, ColumnType> schema() {
    return types(call(schemaRequest()).getViewSchemaResp().getSchemaMap());
  }

  @Override
  public Map<String, ColumnType> expressionSchema() {
    return types(call(Request.newBuilder().setViewExpressionSchemaReq(ViewExpressionSchemaReq.getDefaultInstance()))
        .getViewExpressionSchemaResp().getSchemaMap());
  }

  private static Map<String, ColumnType> types(Map<String, dev.parallax.proto.ColumnType> m) {
    Map<String, ColumnType> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, ProtocolCodec.fromProto(v)));
    return out;
  }

  @Override
  public List<String> columnPaths(ViewWindow w) {
    ViewColumnPathsReq.Builder b = ViewColumnPathsReq.newBuilder();
    if (w.getStartCol() != null) {
      b.setStartCol(w.getStartCol().intValue());
    }
    if (w.getEndCol() != null) {
      b.setEndCol(w.getEndCol().intValue());
    }
    return List.copyOf(call(Request.newBuilder().setViewColumnPathsReq(b)).getViewColumnPathsResp().getPathsList());
  }

  @Override
  public ViewConfig getConfig() {
    return ProtocolCodec.config(call(Request.newBuilder().setViewGetConfigReq(ViewGetConfigReq.getDefaultInstance()))
        .getViewGetConfigResp().getConfig());
  }

  @Override
  public List<Object> getMinMax(String column) {
    ViewGetMinMaxResp r = call(Request.newBuilder().setViewGetMinMaxReq(ViewGetMinMaxReq.newBuilder().setColumnName(column)))
        .getViewGetMinMaxResp();
    List<Object> out = new ArrayList<>();
    out.add(Json.parse(r.getMin()));
    out.add(Json.parse(r.getMax()));
    return out;
  }

  @Override
  public long expand(long row) {
    return call(Request.newBuilder().setViewExpandReq(ViewExpandReq.newBuilder().setRowIndex((int) row)))
        .getViewExpandResp().getNumChanged();
  }

  @Override
  public long collapse(long row) {
    return call(Request.newBuilder().setViewCollapseReq(ViewCollapseReq.newBuilder().setRowIndex((int) row)))
        .getViewCollapseResp().getNumChanged();
  }

  @Override
  public void setDepth(int depth) {
    call(Request.newBuilder().setViewSetDepthReq(ViewSetDepthReq.newBuilder().setDepth(depth)));
  }

  @Override
  public long onUpdate(UpdateListener listener, UpdateMode mode) {
    ViewOnUpdateReq.Builder req = ViewOnUpdateReq.newBuilder();
    if (mode == UpdateMode.ROW) {
      req.setMode(ViewOnUpdateReq.Mode.ROW);
    }
    return subscribe(Request.newBuilder().setViewOnUpdateReq(req), r -> {
      if (r.hasViewOnUpdateResp()) {
        ViewOnUpdateResp u = r.getViewOnUpdateResp();
        listener.onUpdate(new ViewUpdate(u.getPortId(), u.hasDelta() ? u.getDelta().toByteArray() : null));
      }
    });
  }

  @Override
  public long onUpdateArrow(ArrowUpdateListener listener) {
    return subscribe(Request.newBuilder().setViewOnUpdateReq(ViewOnUpdateReq.newBuilder().setMode(ViewOnUpdateReq.Mode.ROW)), r -> {
      ViewOnUpdateResp u = r.getViewOnUpdateResp();
      if (!u.hasDelta()) {
        return;
      }
      try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(u.getDelta().toByteArray()), ArrowBridge.allocator())) {
        if (reader.loadNextBatch()) {
          listener.onUpdate(u.getPortId(), reader.getVectorSchemaRoot(), reader);
        }
      } catch (IOException e) {
        throw new ParseException("Invalid Arrow delta from the server: " + e.getMessage(), e);
      }
    });
  }

  private long subscribe(Request.Builder req, java.util.function.Consumer<Response> onPush) {
    if (!open.get()) {
      throw new ParallaxStateException("View has been closed");
    }
    return client.connection.subscribe(req.setEntityId(id), onPush);
  }

  @Override
  public boolean removeUpdate(long subscription) {
    client.connection.unsubscribe((int) subscription);
    call(Request.newBuilder().setViewRemoveOnUpdateReq(ViewRemoveOnUpdateReq.newBuilder().setId((int) subscription)));
    return true;
  }

  @Override
  public long onDelete(Runnable callback) {
    int[] sub = new int[1];
    sub[0] = (int) subscribe(Request.newBuilder().setViewOnDeleteReq(ViewOnDeleteReq.getDefaultInstance()), r -> {
      client.connection.unsubscribe(sub[0]);
      callback.run();
    });
    return sub[0];
  }

  @Override
  public boolean removeDelete(long subscription) {
    client.connection.unsubscribe((int) subscription);
    call(Request.newBuilder().setViewRemoveDeleteReq(ViewRemoveDeleteReq.newBuilder().setId((int) subscription)));
    return true;
  }

  @Override
  public void delete() {
    call(Request.newBuilder().setViewDeleteReq(ViewDeleteReq.getDefaultInstance()));
    markClosed();
  }

  void markClosed() {
    open.set(false);
    client.forget(this);
  }

  @Override
  public boolean isOpen() {
    return open.get() && client.isOpen();
  }

  @Override
  public void close() {
    if (isOpen()) {
      try {
        delete();
      } catch (ParallaxException e) {
        markClosed();
      }
    } else {
      markClosed();
    }
  }

  @Override
  public String toString() {
    return "View[" + id + " of " + table.getName() + "]";
  }
}
