package dev.parallax;

/**
 * What a {@link View#onUpdate(UpdateListener, UpdateMode)} listener receives: {@link #NONE} the
 * port id only, {@link #ROW} the port id and the view's changed rows as Arrow IPC bytes.
 * Perspective's {@code mode: "row"}.
 */
public enum UpdateMode {
  /** Port id only (the default). */
  NONE,
  /** Port id and a row delta (Arrow IPC stream of the view's rows that changed). */
  ROW
}
