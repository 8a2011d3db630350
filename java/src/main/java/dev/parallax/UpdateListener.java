package dev.parallax;

/**
 * Called after each processed change of a view's table (Perspective's {@code on_update}).
 *
 * <p>Threading: runs on the thread that made the change (or that called {@link Server#poll()}),
 * before that call returns, while the table's change lock is held: do not block on other threads
 * that change the same table. It may read views, change tables (re-entrantly) and delete views.
 * An exception thrown here is logged and does not affect the change or other listeners.
 */
@FunctionalInterface
public interface UpdateListener {
  void onUpdate(ViewUpdate update);
}
