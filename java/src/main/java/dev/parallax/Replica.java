package dev.parallax;

/**
 * Replicated mode: a table that mirrors a view, usually a remote one (Perspective's
 * {@code client.table(view)}). The table is loaded from the view's Arrow snapshot, then follows
 * the view's row deltas ({@code on_update} in ROW mode), applied as updates. When the server
 * sends no delta (an engine without row deltas), the table re-loads the whole view instead
 * ({@code replace}), which also mirrors removals.
 *
 * <p>Like Perspective's, this suits flat views of indexed tables (the replica takes the source
 * table's index, so deltas upsert); removals are not replicated (a remove gives an empty delta),
 * and changes made between the snapshot and the subscription are missed. The subscription ends
 * when the replica is deleted or closed.
 */
final class Replica {
  private Replica() {}

  static Table mirror(Client target, View source, TableOptions options) {
    TableOptions o = options;
    if (o.getIndex().isEmpty() && o.getLimit().isEmpty()) {
      java.util.Optional<String> index = source.getTable().getIndex();
      if (index.isPresent() && source.columnPaths().contains(index.get())) {
        o = o.toBuilder().index(index.get()).build();
      }
    }
    Table replica = target.createTable(source.toArrow(), o.toBuilder().format(DataFormat.ARROW).build());
    long id = source.onUpdate(u -> {
      if (!replica.isOpen()) {
        return;
      }
      if (u.getDelta().isPresent()) {
        replica.update(u.getDelta().get(), UpdateOptions.format(DataFormat.ARROW));
      } else {
        replica.replace(source.toArrow(), UpdateOptions.format(DataFormat.ARROW));
      }
    }, UpdateMode.ROW);
    replica.onDelete(() -> {
      try {
        source.removeUpdate(id);
      } catch (ParallaxException e) {
        // The source is gone already.
      }
    });
    return replica;
  }
}
