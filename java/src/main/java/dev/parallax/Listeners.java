package dev.parallax;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Callbacks keyed by increasing ids, called in registration order. A callback that throws is
 * logged and the others still run.
 *
 * <p>Thread-safety: registration, removal and {@link #forEach} may race; {@code forEach} runs the
 * callbacks present when each one's turn comes (removing a callback stops it from being called
 * later in the same round).
 */
final class Listeners<T> {
  private static final System.Logger LOG = System.getLogger("dev.parallax");
  private static final AtomicLong IDS = new AtomicLong();

  private final ConcurrentSkipListMap<Long, T> entries = new ConcurrentSkipListMap<>();

  /** Adds {@code callback}; returns its id (unique in the process). */
  long add(T callback) {
    if (callback == null) {
      throw new InvalidInputException("callback must not be null");
    }
    long id = IDS.incrementAndGet();
    entries.put(id, callback);
    return id;
  }

  /** Removes the callback {@code id}; returns whether it was registered. */
  boolean remove(long id) {
    return entries.remove(id) != null;
  }

  T get(long id) {
    return entries.get(id);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  void clear() {
    entries.clear();
  }

  /** The registered callbacks, in registration order. */
  List<T> snapshot() {
    return new ArrayList<>(entries.values());
  }

  /** Calls {@code call} on each callback in registration order, isolating failures. */
  void forEach(Consumer<T> call) {
    for (Map.Entry<Long, T> e : entries.entrySet()) {
      if (entries.containsKey(e.getKey())) {
        invoke(e.getValue(), call);
      }
    }
  }

  static <T> void invoke(T callback, Consumer<T> call) {
    try {
      call.accept(callback);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      LOG.log(Level.WARNING, "a Parallax callback threw; ignored", e);
    }
  }
}
