package dev.parallax;

import java.util.Optional;

/**
 * One {@code on_update} notification: the input port the change came in on, and, for
 * {@link UpdateMode#ROW} listeners, the view's changed rows as Arrow IPC stream bytes.
 *
 * <p>As in Perspective, once any listener of a view asks for rows, every listener of that view
 * receives the delta. The delta is absent when no listener asked for rows, or when the engine
 * cannot produce one. Immutable; the delta array is shared between listeners: do not modify it.
 */
public final class ViewUpdate {
  private final int portId;
  private final byte[] delta;

  public ViewUpdate(int portId, byte[] delta) {
    this.portId = portId;
    this.delta = delta;
  }

  /** The port of the change: 0 by default, or an id from {@link Table#makePort()}. */
  public int getPortId() {
    return portId;
  }

  /** The changed rows as an Arrow IPC stream, when available. */
  public Optional<byte[]> getDelta() {
    return Optional.ofNullable(delta);
  }

  @Override
  public String toString() {
    return "ViewUpdate{port_id=" + portId + (delta == null ? "" : ", delta=" + delta.length + " bytes") + "}";
  }
}
