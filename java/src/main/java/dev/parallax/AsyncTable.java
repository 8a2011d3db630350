package dev.parallax;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The future-returning face of a {@link Table}; see {@link AsyncClient} for ordering. */
public final class AsyncTable {
  private final AsyncClient client;
  private final Table table;

  AsyncTable(AsyncClient client, Table table) {
    this.client = client;
    this.table = table;
  }

  /** The synchronous table underneath. */
  public Table sync() {
    return table;
  }

  public String getName() {
    return table.getName();
  }

  public CompletableFuture<Void> update(Object data) {
    return client.run(() -> table.update(data));
  }

  public CompletableFuture<Void> update(Object data, UpdateOptions options) {
    return client.run(() -> table.update(data, options));
  }

  public CompletableFuture<Void> remove(List<?> keys) {
    return client.run(() -> table.remove(keys));
  }

  public CompletableFuture<Void> clear() {
    return client.run(table::clear);
  }

  public CompletableFuture<Void> replace(Object data) {
    return client.run(() -> table.replace(data));
  }

  public CompletableFuture<Long> size() {
    return client.submit(table::size);
  }

  public CompletableFuture<Map<String, ColumnType>> schema() {
    return client.submit(table::schema);
  }

  public CompletableFuture<List<String>> columns() {
    return client.submit(table::columns);
  }

  public CompletableFuture<Integer> makePort() {
    return client.submit(table::makePort);
  }

  public CompletableFuture<ExpressionValidation> validateExpressions(Map<String, String> expressions) {
    return client.submit(() -> table.validateExpressions(expressions));
  }

  public CompletableFuture<AsyncView> view() {
    return client.submit(() -> new AsyncView(client, table.view()));
  }

  public CompletableFuture<AsyncView> view(ViewConfig config) {
    return client.submit(() -> new AsyncView(client, table.view(config)));
  }

  public CompletableFuture<AsyncView> view(Map<String, ?> config) {
    return client.submit(() -> new AsyncView(client, table.view(config)));
  }

  public CompletableFuture<Void> delete() {
    return client.run(table::delete);
  }

  public CompletableFuture<Long> onDelete(Runnable callback) {
    return client.submit(() -> table.onDelete(callback));
  }

  public CompletableFuture<Boolean> removeDelete(long id) {
    return client.submit(() -> table.removeDelete(id));
  }
}
