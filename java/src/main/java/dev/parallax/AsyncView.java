package dev.parallax;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The future-returning face of a {@link View}; see {@link AsyncClient} for ordering. */
public final class AsyncView {
  private final AsyncClient client;
  private final View view;

  AsyncView(AsyncClient client, View view) {
    this.client = client;
    this.view = view;
  }

  /** The synchronous view underneath. */
  public View sync() {
    return view;
  }

  public CompletableFuture<Map<String, List<Object>>> toColumns() {
    return client.submit(view::toColumns);
  }

  public CompletableFuture<Map<String, List<Object>>> toColumns(ViewWindow window) {
    return client.submit(() -> view.toColumns(window));
  }

  public CompletableFuture<String> toColumnsString(ViewWindow window) {
    return client.submit(() -> view.toColumnsString(window));
  }

  public CompletableFuture<List<Map<String, Object>>> toJson() {
    return client.submit(view::toJson);
  }

  public CompletableFuture<String> toCsv() {
    return client.submit(view::toCsv);
  }

  public CompletableFuture<byte[]> toArrow() {
    return client.submit(view::toArrow);
  }

  public CompletableFuture<byte[]> toArrow(ViewWindow window) {
    return client.submit(() -> view.toArrow(window));
  }

  public CompletableFuture<ViewDimensions> dimensions() {
    return client.submit(view::dimensions);
  }

  public CompletableFuture<Map<String, ColumnType>> schema() {
    return client.submit(view::schema);
  }

  public CompletableFuture<ViewConfig> getConfig() {
    return client.submit(view::getConfig);
  }

  public CompletableFuture<Long> onUpdate(UpdateListener listener) {
    return client.submit(() -> view.onUpdate(listener));
  }

  public CompletableFuture<Long> onUpdate(UpdateListener listener, UpdateMode mode) {
    return client.submit(() -> view.onUpdate(listener, mode));
  }

  public CompletableFuture<Boolean> removeUpdate(long id) {
    return client.submit(() -> view.removeUpdate(id));
  }

  public CompletableFuture<Long> onDelete(Runnable callback) {
    return client.submit(() -> view.onDelete(callback));
  }

  public CompletableFuture<Void> delete() {
    return client.run(view::delete);
  }
}
