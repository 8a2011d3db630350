package dev.parallax;

import dev.parallax.proto.GetHostedTablesReq;
import dev.parallax.proto.HostedTable;
import dev.parallax.proto.MakeTableReq;
import dev.parallax.proto.RemoveHostedTablesUpdateReq;
import dev.parallax.proto.Request;
import dev.parallax.proto.ServerSystemInfoReq;
import dev.parallax.proto.ServerSystemInfoResp;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of a remote Perspective server over one WebSocket connection (a Parallax server or
 * the reference one). Each call sends one request and waits for its answer. Thread-safe.
 *
 * <p>Ownership: the client owns the connection; {@link #close()} ends it, after which the server
 * deletes the views this client made. Tables stay on the server.
 */
final class RemoteClient extends Client {
  final RemoteConnection connection;
  private final Set<RemoteView> views = ConcurrentHashMap.newKeySet();

  private RemoteClient(RemoteConnection connection) {
    this.connection = connection;
  }

  static RemoteClient connect(URI uri, RemoteOptions options) {
    return new RemoteClient(RemoteConnection.open(uri, options));
  }

  @Override
  Table createTable(Object data, TableOptions options) {
    String name = options.getName().orElseGet(RemoteConnection::randomId);
    MakeTableReq.Builder req = MakeTableReq.newBuilder()
        .setData(ProtocolCodec.payload(data, options.getFormat().orElse(null), true));
    MakeTableReq.MakeTableOptions.Builder o = MakeTableReq.MakeTableOptions.newBuilder();
    options.getIndex().ifPresent(o::setMakeIndexTable);
    options.getLimit().ifPresent(l -> o.setMakeLimitTable((int) l));
    req.setOptions(o);
    connection.call(Request.newBuilder().setEntityId(name).setMakeTableReq(req));
    return new RemoteTable(this, name, options.getIndex().orElse(null),
        options.getLimit().isPresent() ? options.getLimit().getAsLong() : null);
  }

  @Override
  public Table openTable(String name) {
    for (HostedTable h : hosted()) {
      if (h.getEntityId().equals(name)) {
        return new RemoteTable(this, name, h.hasIndex() ? h.getIndex() : null,
            h.hasLimit() ? Integer.toUnsignedLong(h.getLimit()) : null);
      }
    }
    throw new InvalidInputException("No table named '" + name + "' is hosted");
  }

  @Override
  public List<String> getHostedTableNames() {
    List<String> names = new ArrayList<>();
    hosted().forEach(h -> names.add(h.getEntityId()));
    return names;
  }

  private List<HostedTable> hosted() {
    return connection.call(Request.newBuilder().setGetHostedTablesReq(GetHostedTablesReq.getDefaultInstance()))
        .getGetHostedTablesResp().getTableInfosList();
  }

  @Override
  public long onHostedTablesUpdate(Runnable callback) {
    return connection.subscribe(
        Request.newBuilder().setGetHostedTablesReq(GetHostedTablesReq.newBuilder().setSubscribe(true)),
        r -> callback.run());
  }

  @Override
  public boolean removeHostedTablesUpdate(long id) {
    connection.unsubscribe((int) id);
    connection.call(Request.newBuilder().setRemoveHostedTablesUpdateReq(RemoveHostedTablesUpdateReq.newBuilder().setId((int) id)));
    return true;
  }

  @Override
  public Map<String, Object> systemInfo() {
    ServerSystemInfoResp r = connection.call(Request.newBuilder().setServerSystemInfoReq(ServerSystemInfoReq.getDefaultInstance()))
        .getServerSystemInfoResp();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("heap_size", r.getHeapSize());
    m.put("used_size", r.getUsedSize());
    m.put("cpu_time", Integer.toUnsignedLong(r.getCpuTime()));
    m.put("cpu_time_epoch", Integer.toUnsignedLong(r.getCpuTimeEpoch()));
    return m;
  }

  @Override
  public boolean isOpen() {
    return connection.isOpen();
  }

  @Override
  public void close() {
    connection.close();
    views.forEach(RemoteView::markClosed);
    views.clear();
  }

  void track(RemoteView v) {
    views.add(v);
  }

  void forget(RemoteView v) {
    views.remove(v);
  }

  int viewCount(RemoteTable t) {
    int n = 0;
    for (RemoteView v : views) {
      if (v.getTable() == t && v.isOpen()) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "Client[" + connection.uri() + "]";
  }
}
