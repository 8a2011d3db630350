package dev.parallax;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parallax.proto.Request;
import dev.parallax.proto.Response;
import dev.parallax.proto.StatusCode;
import java.util.function.Consumer;

/**
 * Relays raw protocol requests to another {@link Client} (Perspective's {@code ProxySession}):
 * to a remote server over the client's connection, or to a local server through a
 * {@link Session} of its own. Useful to put a Parallax process between browsers and another
 * Perspective server.
 *
 * <p>Requests keep their msg_id towards the caller: the relay gives each forwarded request a
 * fresh id on its connection and restores the caller's on the response. {@code on_update},
 * {@code on_delete} and hosted-table subscriptions stay registered for their pushes; everything
 * else is one-shot. Thread-safety as {@link Session}.
 */
public final class ProxySession implements AutoCloseable {
  private final Session local;
  private final RemoteConnection remote;
  private final Consumer<byte[]> responseCallback;
  private volatile boolean open = true;
  /** Caller's subscription msg_id to the relay's (remote relays only). */
  private final java.util.Map<Integer, Integer> subscriptions = new java.util.concurrent.ConcurrentHashMap<>();

  public ProxySession(Client client, Consumer<byte[]> responseCallback) {
    this.responseCallback = responseCallback;
    if (client instanceof LocalClient) {
      this.local = ((LocalClient) client).getServer().newSession(responseCallback);
      this.remote = null;
    } else {
      this.local = null;
      this.remote = ((RemoteClient) client).connection;
    }
  }

  /** Forwards one serialized {@code Request}. */
  public void handleRequest(byte[] bytes) {
    if (!open) {
      return;
    }
    if (local != null) {
      local.handleRequest(bytes);
      return;
    }
    Request req;
    try {
      req = Request.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      responseCallback.accept(Session.error("Unhandled request type 2", StatusCode.SERVER_ERROR).build().toByteArray());
      return;
    }
    int callerId = req.getMsgId();
    req = withUpstreamIds(req);
    boolean persistent = req.hasViewOnUpdateReq() || req.hasViewOnDeleteReq() || req.hasTableOnDeleteReq()
        || (req.hasGetHostedTablesReq() && req.getGetHostedTablesReq().getSubscribe());
    int upstream = remote.forward(req, persistent, (Response r) -> {
      if (open) {
        responseCallback.accept(r.toBuilder().setMsgId(callerId).build().toByteArray());
      }
    });
    if (persistent) {
      subscriptions.put(callerId, upstream);
    }
  }

  /** Cancellations name a subscription by its msg_id: the caller's becomes the relay's. */
  private Request withUpstreamIds(Request req) {
    Request.Builder b = req.toBuilder();
    switch (req.getClientReqCase()) {
      case VIEW_REMOVE_ON_UPDATE_REQ:
        b.getViewRemoveOnUpdateReqBuilder().setId(upstream(req.getViewRemoveOnUpdateReq().getId()));
        break;
      case VIEW_REMOVE_DELETE_REQ:
        b.getViewRemoveDeleteReqBuilder().setId(upstream(req.getViewRemoveDeleteReq().getId()));
        break;
      case TABLE_REMOVE_DELETE_REQ:
        b.getTableRemoveDeleteReqBuilder().setId(upstream(req.getTableRemoveDeleteReq().getId()));
        break;
      case REMOVE_HOSTED_TABLES_UPDATE_REQ:
        b.getRemoveHostedTablesUpdateReqBuilder().setId(upstream(req.getRemoveHostedTablesUpdateReq().getId()));
        break;
      default:
        return req;
    }
    return b.build();
  }

  private int upstream(int callerId) {
    Integer id = subscriptions.remove(callerId);
    return id == null ? callerId : id;
  }

  /** Stops relaying (and closes the local session, if any). */
  @Override
  public void close() {
    open = false;
    if (local != null) {
      local.close();
    }
  }
}
