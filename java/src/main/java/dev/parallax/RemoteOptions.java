package dev.parallax;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How a remote client ({@link Client#websocket(String, RemoteOptions)},
 * {@link AsyncClient#websocket(String, RemoteOptions)}) delivers what the server sends without
 * being asked: {@code on_update}, {@code on_delete} and hosted-table pushes, and the results of
 * {@link AsyncClient}'s calls on remote views.
 *
 * <p><b>Callback executor.</b> By default each connection has one dedicated daemon thread that runs
 * its callbacks one at a time, in arrival order; callbacks may then block and make synchronous
 * calls on the same client. {@link Builder#callbackExecutor(Executor)} replaces that thread, and
 * {@code callbackExecutor(Runnable::run)} runs callbacks on the connection's I/O thread itself, as
 * Perspective's JavaScript client runs them on its event loop: one thread hand-off less per push
 * and per async result (the lowest update-to-callback latency), but such callbacks must not
 * block: a synchronous remote call made there fails with {@link ParallaxStateException} (it would
 * wait for a reply that only that thread can read), so use the {@link AsyncView} calls from it.
 * Another executor receives callbacks in arrival order; running them in that order is up to it.
 *
 * <p>Immutable and thread-safe.
 */
public final class RemoteOptions {
  private static final RemoteOptions DEFAULTS = new RemoteOptions(null);

  private final Executor callbackExecutor;

  private RemoteOptions(Executor callbackExecutor) {
    this.callbackExecutor = callbackExecutor;
  }

  /** A dedicated callback thread per connection. */
  public static RemoteOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The executor callbacks run on, or null for the connection's own thread. */
  Executor callbackExecutor() {
    return callbackExecutor;
  }

  /** Builds {@link RemoteOptions}; not thread-safe. */
  public static final class Builder {
    private Executor callbackExecutor;

    private Builder() {}

    /** Runs push callbacks and async results on {@code executor} ({@code Runnable::run}: on the I/O thread). */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    public RemoteOptions build() {
      return new RemoteOptions(callbackExecutor);
    }
  }
}
