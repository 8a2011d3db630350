package dev.parallax;

import dev.parallax.proto.MakeTableData;
import dev.parallax.proto.Request;
import dev.parallax.proto.Response;
import dev.parallax.proto.TableDeleteReq;
import dev.parallax.proto.TableMakePortReq;
import dev.parallax.proto.TableMakeViewReq;
import dev.parallax.proto.TableOnDeleteReq;
import dev.parallax.proto.TableRemoveDeleteReq;
import dev.parallax.proto.TableRemoveReq;
import dev.parallax.proto.TableReplaceReq;
import dev.parallax.proto.TableSchemaReq;
import dev.parallax.proto.TableSizeReq;
import dev.parallax.proto.TableUpdateReq;
import dev.parallax.proto.TableValidateExprReq;
import dev.parallax.proto.TableValidateExprResp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A table on a remote server, addressed by name. Every call is one request. Closing this object
 * only stops using it; the table stays on the server. Thread-safe.
 */
final class RemoteTable extends Table {
  private final RemoteClient client;
  private final String name;
  private final String index;
  private final Long limit;
  private final AtomicBoolean open = new AtomicBoolean(true);

  RemoteTable(RemoteClient client, String name, String index, Long limit) {
    this.client = client;
    this.name = name;
    this.index = index;
    this.limit = limit;
  }

  private Response call(Request.Builder req) {
    ensureOpen();
    return client.connection.call(req.setEntityId(name));
  }

  private void ensureOpen() {
    if (!open.get()) {
      throw new ParallaxStateException("Table has been closed");
    }
  }

  @Override
  public void update(Object data, UpdateOptions options) {
    call(Request.newBuilder().setTableUpdateReq(TableUpdateReq.newBuilder()
        .setData(ProtocolCodec.payload(data, options.getFormat().orElse(null), false)).setPortId(options.getPortId())));
  }

  @Override
  public void remove(List<?> keys, UpdateOptions options) {
    if (keys == null) {
      throw new InvalidInputException("keys must not be null");
    }
    call(Request.newBuilder().setTableRemoveReq(TableRemoveReq.newBuilder()
        .setData(MakeTableData.newBuilder().setFromRows(Json.write(keys)))));
  }

  /** As the JS client: a replace with no rows. */
  @Override
  public void clear() {
    call(Request.newBuilder().setTableReplaceReq(TableReplaceReq.newBuilder()
        .setData(MakeTableData.newBuilder().setFromRows("[]"))));
  }

  @Override
  public void replace(Object data, UpdateOptions options) {
    call(Request.newBuilder().setTableReplaceReq(TableReplaceReq.newBuilder()
        .setData(ProtocolCodec.payload(data, options.getFormat().orElse(null), false))));
  }

  @Override
  public long size() {
    return Integer.toUnsignedLong(call(Request.newBuilder().setTableSizeReq(TableSizeReq.getDefaultInstance()))
        .getTableSizeResp().getSize());
  }

  @Override
  public Map<String, ColumnType> schema() {
    Map<String, ColumnType> out = new LinkedHashMap<>();
    call(Request.newBuilder().setTableSchemaReq(TableSchemaReq.getDefaultInstance()))
        .getTableSchemaResp().getSchema().getSchemaList()
        .forEach(p -> out.put(p.getName(), ProtocolCodec.fromProto(p.getType())));
    return out;
  }

  @Override
  public Optional<String> getIndex() {
    return Optional.ofNullable(index);
  }

  @Override
  public OptionalLong getLimit() {
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public int makePort() {
    return call(Request.newBuilder().setTableMakePortReq(TableMakePortReq.getDefaultInstance())).getTableMakePortResp().getPortId();
  }

  @Override
  public ExpressionValidation validateExpressions(Map<String, String> expressions) {
    TableValidateExprResp r = call(Request.newBuilder().setTableValidateExprReq(
        TableValidateExprReq.newBuilder().putAllColumnToExpr(expressions))).getTableValidateExprResp();
    Map<String, ColumnType> schema = new LinkedHashMap<>();
    r.getExpressionSchemaMap().forEach((k, v) -> schema.put(k, ProtocolCodec.fromProto(v)));
    Map<String, ExpressionValidation.ExpressionError> errors = new LinkedHashMap<>();
    r.getErrorsMap().forEach((k, e) -> errors.put(k,
        new ExpressionValidation.ExpressionError(e.getErrorMessage(), e.getLine(), e.getColumn())));
    return new ExpressionValidation(schema, errors, r.getExpressionAliasMap());
  }

  @Override
  public View view(ViewConfig config) {
    String id = RemoteConnection.randomId();
    call(Request.newBuilder().setTableMakeViewReq(TableMakeViewReq.newBuilder()
        .setViewId(id).setConfig(ProtocolCodec.config(config, null))));
    RemoteView v = new RemoteView(client, this, id);
    client.track(v);
    return v;
  }

  @Override
  public int viewCount() {
    return client.viewCount(this);
  }

  /** A lazy delete is sent without waiting: the server answers only when the last view goes. */
  @Override
  public void delete(boolean lazy) {
    ensureOpen();
    Request.Builder req = Request.newBuilder().setEntityId(name)
        .setTableDeleteReq(TableDeleteReq.newBuilder().setIsImmediate(!lazy));
    if (lazy) {
      client.connection.request(req);
    } else {
      client.connection.call(req);
    }
    open.set(false);
  }

  @Override
  public long onDelete(Runnable callback) {
    ensureOpen();
    int[] id = new int[1];
    id[0] = client.connection.subscribe(Request.newBuilder().setEntityId(name)
        .setTableOnDeleteReq(TableOnDeleteReq.getDefaultInstance()), r -> {
          client.connection.unsubscribe(id[0]);
          callback.run();
        });
    return id[0];
  }

  @Override
  public boolean removeDelete(long id) {
    client.connection.unsubscribe((int) id);
    call(Request.newBuilder().setTableRemoveDeleteReq(TableRemoveDeleteReq.newBuilder().setId((int) id)));
    return true;
  }

  @Override
  public boolean isOpen() {
    return open.get() && client.isOpen();
  }

  @Override
  public void close() {
    open.set(false);
  }

  @Override
  public String toString() {
    return "Table[" + name + " @ " + client.connection.uri() + "]";
  }
}
