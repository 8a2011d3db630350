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
    return toColumns(ViewWindow.all());
  }

  public CompletableFuture<Map<String, List<Object>>> toColumns(ViewWindow window) {
    if (view instanceof RemoteView r) {
      return client.send(() -> r.toColumnsStringAsync(window).thenApply(View::columnsOf));
    }
    return client.submit(() -> view.toColumns(window));
  }

  public CompletableFuture<String> toColumnsString(ViewWindow window) {
    if (view instanceof RemoteView r) {
      return client.send(() -> r.toColumnsStringAsync(window));
    }
    return client.submit(() -> view.toColumnsString(window));
  }

  public CompletableFuture<List<Map<String, Object>>> toJson() {
    return toJson(ViewWindow.all());
  }

  public CompletableFuture<List<Map<String, Object>>> toJson(ViewWindow window) {
    if (view instanceof RemoteView r) {
      return client.send(() -> r.toJsonStringAsync(window).thenApply(View::rowsOf));
    }
    return client.submit(() -> view.toJson(window));
  }

  public CompletableFuture<String> toCsv() {
    return toCsv(ViewWindow.all());
  }

  public CompletableFuture<String> toCsv(ViewWindow window) {
    if (view instanceof RemoteView r) {
      return client.send(() -> r.toCsvAsync(window));
    }
    return client.submit(() -> view.toCsv(window));
  }

  public CompletableFuture<byte[]> toArrow() {
    return toArrow(ViewWindow.all());
  }

  public CompletableFuture<byte[]> toArrow(ViewWindow window) {
    if (view instanceof RemoteView r) {
      return client.send(() -> r.toArrowAsync(window));
    }
    return client.submit(() -> view.toArrow(window));
  }

  public CompletableFuture<ViewDimensions> dimensions() {
    if (view instanceof RemoteView r) {
      return client.send(r::dimensionsAsync);
    }
    return client.submit(view::dimensions);
  }

  public CompletableFuture<Map<String, ColumnType>> schema() {
    if (view instanceof RemoteView r) {
      return client.send(r::schemaAsync);
    }
    return client.submit(view::schema);
  }

  public CompletableFuture<ViewConfig> getConfig() {
    return client.submit(view::getConfig);
  }

  public CompletableFuture<Long> onUpdate(UpdateListener listener) {
    return onUpdate(listener, UpdateMode.NONE);
  }

  /** Registers {@code listener}; on a remote view the subscription is sent without waiting for a reply (it has none). */
  public CompletableFuture<Long> onUpdate(UpdateListener listener, UpdateMode mode) {
    if (view instanceof RemoteView) {
      return client.send(() -> CompletableFuture.completedFuture(view.onUpdate(listener, mode)));
    }
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
