package dev.parallax;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A {@link Client} whose calls return {@link CompletableFuture}s (Perspective's
 * {@code AsyncClient}), for web frameworks and other event loops that must not block.
 *
 * <p><b>Ordering.</b> Every call made through one {@code AsyncClient} (and the {@link AsyncTable}s
 * and {@link AsyncView}s it hands out) runs on its executor <i>one at a time, in the order the
 * calls were made</i> (a serial queue over the executor), so {@code update} followed by
 * {@code toColumns} reads the update, as in Perspective. Calls of different
 * {@code AsyncClient}s run concurrently. A failed call fails its future only. Futures complete
 * on the executor's thread, except the reads of a remote {@link AsyncView} ({@code toArrow},
 * {@code toColumns}, {@code toColumnsString}, {@code toJson}, {@code toCsv}, {@code dimensions},
 * {@code schema}) and its {@code onUpdate}: those are sent without blocking any thread (at once
 * when nothing else of this client is queued, else in turn) and complete on the connection's
 * callback executor ({@link RemoteOptions}). With {@code callbackExecutor(Runnable::run)} a
 * push callback can therefore read its view with no thread hand-off at all, as Perspective's
 * JavaScript client does on its event loop.
 *
 * <p><b>Ownership.</b> The async client owns the wrapped client; {@link #close()} closes it and,
 * for {@link #wrap(Client)}, the executor it created.
 */
public final class AsyncClient implements AutoCloseable {
  private final Client client;
  private final SerialExecutor serial;
  private final ExecutorService owned;

  private AsyncClient(Client client, Executor executor, ExecutorService owned) {
    this.client = client;
    this.serial = new SerialExecutor(executor);
    this.owned = owned;
  }

  /** Wraps {@code client}; calls run on a new daemon thread of this async client. */
  public static AsyncClient wrap(Client client) {
    ExecutorService e = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "parallax-async-client");
      t.setDaemon(true);
      return t;
    });
    return new AsyncClient(client, e, e);
  }

  /** Wraps {@code client}; calls run on {@code executor}, one at a time. */
  public static AsyncClient wrap(Client client, Executor executor) {
    return new AsyncClient(client, executor, null);
  }

  /** Connects to a remote server (see {@link Client#websocket(String)}). */
  public static CompletableFuture<AsyncClient> websocket(String url) {
    return websocket(url, RemoteOptions.defaults());
  }

  /** Connects to a remote server, delivering pushes and remote reads as {@code options} say. */
  public static CompletableFuture<AsyncClient> websocket(String url, RemoteOptions options) {
    return CompletableFuture.supplyAsync(() -> wrap(Client.websocket(url, options)));
  }

  <T> CompletableFuture<T> submit(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, serial);
  }

  /**
   * Runs {@code send}, which only sends (a remote request) and returns the reply's future, in
   * this client's call order: on the calling thread when nothing of this client is queued or
   * running (every earlier call has then sent its request), else queued behind them.
   */
  <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> send) {
    CompletableFuture<T> out = new CompletableFuture<>();
    serial.executeInlineWhenIdle(() -> {
      CompletableFuture<T> reply;
      try {
        reply = send.get();
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
        return;
      }
      reply.whenComplete((v, e) -> {
        if (e != null) {
          out.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
        } else {
          out.complete(v);
        }
      });
    });
    return out;
  }

  CompletableFuture<Void> run(Runnable call) {
    return CompletableFuture.runAsync(call, serial);
  }

  /** The synchronous client underneath. */
  public Client sync() {
    return client;
  }

  public CompletableFuture<AsyncTable> table(Object data) {
    return submit(() -> new AsyncTable(this, client.table(data)));
  }

  public CompletableFuture<AsyncTable> table(Object data, TableOptions options) {
    return submit(() -> new AsyncTable(this, client.table(data, options)));
  }

  public CompletableFuture<AsyncTable> table(Object data, Map<String, ?> options) {
    return submit(() -> new AsyncTable(this, client.table(data, options)));
  }

  public CompletableFuture<AsyncTable> openTable(String name) {
    return submit(() -> new AsyncTable(this, client.openTable(name)));
  }

  public CompletableFuture<List<String>> getHostedTableNames() {
    return submit(client::getHostedTableNames);
  }

  public CompletableFuture<Long> onHostedTablesUpdate(Runnable callback) {
    return submit(() -> client.onHostedTablesUpdate(callback));
  }

  public CompletableFuture<Boolean> removeHostedTablesUpdate(long id) {
    return submit(() -> client.removeHostedTablesUpdate(id));
  }

  public CompletableFuture<Map<String, Object>> systemInfo() {
    return submit(client::systemInfo);
  }

  /** Closes the client after the calls already queued. */
  public CompletableFuture<Void> terminate() {
    return run(client::close);
  }

  @Override
  public void close() {
    terminate().join();
    if (owned != null) {
      owned.shutdown();
    }
  }

  /** Runs tasks one at a time in submission order on a delegate executor. Thread-safe. */
  static final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
      synchronized (this) {
        tasks.add(task);
        if (running) {
          return;
        }
        running = true;
      }
      delegate.execute(this::drain);
    }

    /**
     * Runs {@code task} on the calling thread when this executor is idle (nothing queued or
     * running), else queues it. Tasks queued meanwhile by other threads go to the delegate
     * afterwards, never to this thread: the caller may be an I/O thread. {@code task} must not
     * block and must not throw.
     */
    void executeInlineWhenIdle(Runnable task) {
      synchronized (this) {
        if (running || !tasks.isEmpty()) {
          tasks.add(task);
          return;
        }
        running = true;
      }
      try {
        task.run();
      } finally {
        boolean more;
        synchronized (this) {
          more = !tasks.isEmpty();
          running = more;
        }
        if (more) {
          delegate.execute(this::drain);
        }
      }
    }

    private void drain() {
      while (true) {
        Runnable next;
        synchronized (this) {
          next = tasks.poll();
          if (next == null) {
            running = false;
            return;
          }
        }
        next.run();
      }
    }
  }
}
