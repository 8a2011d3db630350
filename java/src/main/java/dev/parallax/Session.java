package dev.parallax;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parallax.proto.Request;
import dev.parallax.proto.Response;
import dev.parallax.proto.ServerError;
import dev.parallax.proto.StatusCode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One client connection speaking Perspective's protocol (Perspective's {@code Session}), made by
 * {@link Server#newSession(Consumer)}: {@link #handleRequest(byte[])} takes one serialized
 * {@code Request}, runs it on the server's tables and views, and sends exactly one
 * {@code Response} (or a {@code ServerError}) with the request's msg_id and entity_id to the
 * response callback; subscriptions ({@code on_update}, {@code on_delete}, hosted tables) get no
 * immediate reply and later receive pushes carrying the subscribing msg_id.
 *
 * <p><b>Ordering.</b> Requests of one session run one at a time, in the order they are handed
 * in. A change's {@code on_update} pushes and a table creation's hosted-table pushes to the
 * session that asked for it follow that request's response; {@code on_delete} pushes precede the
 * delete's response (as the reference server).
 *
 * <p><b>Threading.</b> {@code handleRequest} may be called from any thread. The response callback
 * is called on the thread that handles a request or that changed a table (pushes), never
 * concurrently for one session, and should not block (queue the bytes; see
 * {@code dev.parallax.server.ParallaxWebSocket}).
 *
 * <p><b>Ownership.</b> The session owns the views it creates and its subscriptions:
 * {@link #close()} drops the subscriptions and deletes those views without {@code on_delete}
 * pushes. Tables it creates belong to the server and outlive it.
 */
public final class Session implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.parallax");

  /** A view made through the protocol, under its client-chosen id. */
  record HostedView(String id, LocalView view, Session owner) {}

  final Server server;
  private final Consumer<byte[]> sink;
  private final AtomicBoolean open = new AtomicBoolean(true);
  /** Serialises requests of this session. */
  private final ReentrantLock requestLock = new ReentrantLock();
  /** Serialises calls of the response callback. */
  private final ReentrantLock emitLock = new ReentrantLock();
  /** The thread running a request whose deferrable pushes wait for its response. */
  private volatile Thread deferringThread;
  private final List<Response> deferred = new ArrayList<>();

  /** Views this session made, by id; guarded by {@code this}. */
  final Map<String, HostedView> views = new LinkedHashMap<>();
  /** Cancel actions of subscriptions by subscribing msg_id, per kind; guarded by {@code this}. */
  final Map<Integer, Runnable> updateSubs = new HashMap<>();
  final Map<Integer, Runnable> viewDeleteSubs = new HashMap<>();
  final Map<Integer, Runnable> tableDeleteSubs = new HashMap<>();
  final Map<Integer, Runnable> hostedSubs = new HashMap<>();
  /** Process CPU and wall time at the previous system-info request. */
  long lastCpuMs = -1;
  long lastWallMs = -1;

  Session(Server server, Consumer<byte[]> sink) {
    this.server = server;
    this.sink = sink;
  }

  /**
   * Handles one request message. Never throws for bad input: undecodable bytes, unknown request
   * types and engine errors are answered with a {@code ServerError}. Ignored once closed.
   */
  public void handleRequest(byte[] bytes) {
    prepare(bytes).run();
  }

  /**
   * Decodes one request message without running it, for a transport that decides where each
   * request runs: {@link Call#mayTakeLong()} tells it whether to move the request off a thread
   * that serves other connections (an event loop). Run the calls of one session in the order of
   * their messages.
   */
  public Call prepare(byte[] bytes) {
    try {
      return new Call(Request.parseFrom(bytes));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return new Call(null);
    }
  }

  /** One decoded request of this session; {@link #run()} handles it as {@link #handleRequest(byte[])} would. */
  public final class Call {
    private final Request req; // null: undecodable

    private Call(Request req) {
      this.req = req;
    }

    /**
     * Whether the request may take long: a view made on a table of more than
     * {@value SessionDispatch#LONG_ROWS} rows, or a serialisation of more than that many rows.
     * Cheap: no engine work, no lock.
     */
    public boolean mayTakeLong() {
      return req != null && open.get() && SessionDispatch.mayTakeLong(Session.this, req);
    }

    public void run() {
      if (!open.get()) {
        return;
      }
      if (req == null) {
        emit(error(0, "", "Unhandled request type 2", StatusCode.SERVER_ERROR));
        return;
      }
      requestLock.lock();
      try {
        handle(req);
      } finally {
        requestLock.unlock();
      }
    }
  }

  private void handle(Request req) {
    if (server.isPollMode() && !SessionDispatch.isChange(req) && server.hasPending()) {
      server.poll();
    }
    Response.Builder resp;
    List<Response> after;
    deferringThread = Thread.currentThread();
    try {
      resp = SessionDispatch.dispatch(this, req);
    } catch (ProtocolError e) {
      resp = error(e.getMessage(), e.code);
    } catch (InvalidInputException | ParseException e) {
      // The reference engine's aborts end their message with a newline (clients compare it).
      String m = String.valueOf(e.getMessage());
      resp = error(m.endsWith("\n") ? m : m + "\n", StatusCode.SERVER_ERROR);
    } catch (ParallaxException e) {
      resp = error(e.getMessage(), StatusCode.SERVER_ERROR);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "request " + req.getClientReqCase() + " failed", e);
      resp = error(String.valueOf(e.getMessage()), StatusCode.SERVER_ERROR);
    } finally {
      deferringThread = null;
      after = new ArrayList<>(deferred);
      deferred.clear();
    }
    if (resp != null) {
      emit(resp.setMsgId(req.getMsgId()).setEntityId(req.getEntityId()).build());
    }
    for (Response r : after) {
      emit(r);
    }
  }

  /**
   * Sends a push. Deferrable pushes made while this session's own request runs on this thread
   * wait until that request's response has gone.
   */
  void push(Response r, boolean deferrable) {
    if (deferrable && Thread.currentThread() == deferringThread) {
      deferred.add(r);
    } else {
      emit(r);
    }
  }

  private void emit(Response r) {
    if (!open.get()) {
      return;
    }
    byte[] bytes = r.toByteArray();
    emitLock.lock();
    try {
      sink.accept(bytes);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the session's response callback threw; ignored", e);
    } finally {
      emitLock.unlock();
    }
  }

  static Response.Builder error(String message, StatusCode code) {
    return Response.newBuilder().setServerError(ServerError.newBuilder().setMessage(message == null ? "" : message).setStatusCode(code));
  }

  private static Response error(int msgId, String entityId, String message, StatusCode code) {
    return error(message, code).setMsgId(msgId).setEntityId(entityId).build();
  }

  /** Whether {@link #close()} has not been called. */
  public boolean isOpen() {
    return open.get();
  }

  /**
   * Ends the session: drops its subscriptions and deletes the views it made (no
   * {@code on_delete} pushes). Tables stay. Idempotent.
   */
  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    List<Runnable> cancels = new ArrayList<>();
    List<HostedView> mine;
    synchronized (this) {
      cancels.addAll(updateSubs.values());
      cancels.addAll(viewDeleteSubs.values());
      cancels.addAll(tableDeleteSubs.values());
      cancels.addAll(hostedSubs.values());
      updateSubs.clear();
      viewDeleteSubs.clear();
      tableDeleteSubs.clear();
      hostedSubs.clear();
      mine = new ArrayList<>(views.values());
      views.clear();
    }
    cancels.forEach(c -> Listeners.invoke(c, Runnable::run));
    for (HostedView hv : mine) {
      server.protocolViews.remove(hv.id(), hv);
      Listeners.invoke(hv.view(), View::close);
    }
    server.forget(this);
  }

  /** An error answered with a status code other than the engine's. */
  static final class ProtocolError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient StatusCode code;

    ProtocolError(String message, StatusCode code) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
