package dev.parallax;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Base of every Java object that owns a native engine handle (after RocksDB's
 * {@code AbstractImmutableNativeReference}).
 *
 * <p><b>Ownership.</b> The object owns exactly one native handle from construction until
 * {@link #close()}, which frees it once: an {@link AtomicBoolean} owning flag makes close
 * idempotent and safe to race. Nothing relies on the garbage collector; there is no finalizer or
 * cleaner, so an object that is never closed leaks its native memory (see {@link #liveCount()}).
 *
 * <p><b>Thread-safety.</b> Every native call runs under a read lock and {@link #close()} frees the
 * handle under the write lock, so calls from many threads proceed in parallel, a close waits for
 * the calls in flight, and a call that comes after the close fails with
 * {@link ParallaxStateException} instead of touching freed memory.
 */
public abstract class NativeHandle implements AutoCloseable {
  private static final AtomicLong LIVE = new AtomicLong();

  private final long handle;
  private final AtomicBoolean owning = new AtomicBoolean(true);
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  NativeHandle(long handle) {
    if (handle == 0) {
      throw new EngineException("the engine returned a null handle");
    }
    this.handle = handle;
    LIVE.incrementAndGet();
  }

  /** Number of native handles currently open in this process (for leak checks). */
  public static long liveCount() {
    return LIVE.get();
  }

  /** Whether this object still owns its native handle. */
  public boolean isOpen() {
    return owning.get();
  }

  /** Frees the native handle. Idempotent and thread-safe; waits for calls in flight. */
  @Override
  public void close() {
    if (owning.compareAndSet(true, false)) {
      lock.writeLock().lock();
      try {
        closeChildren();
      } finally {
        try {
          disposeInternal(handle);
        } finally {
          lock.writeLock().unlock();
          LIVE.decrementAndGet();
        }
      }
    }
  }

  /**
   * Closes the objects this one tracks (a table's views), newest first; called once, under the
   * write lock, before {@link #disposeInternal}. Calls in flight have finished by then, and later
   * ones fail, so no child can be added behind it.
   */
  void closeChildren() {}

  /** Releases the native handle; called exactly once, under the write lock. */
  abstract void disposeInternal(long handle);

  /** A short noun for error messages ("Table", "View"). */
  abstract String kind();

  /** A native call on the handle. */
  @FunctionalInterface
  interface Call<T> {
    T apply(long handle);
  }

  /** A native call that returns a status only. */
  @FunctionalInterface
  interface StatusCall {
    int apply(long handle);
  }

  /** Runs {@code call} with the live handle, under the read lock. */
  final <T> T withHandle(Call<T> call) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return call.apply(handle);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs a status-returning native call with the live handle and raises on error. */
  final void run(StatusCall call) {
    withHandle(h -> {
      NativeBridge.check(call.apply(h));
      return null;
    });
  }

  final void ensureOpen() {
    if (!owning.get()) {
      throw new ParallaxStateException(kind() + " has been closed");
    }
  }
}
