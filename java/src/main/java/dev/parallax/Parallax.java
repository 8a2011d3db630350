package dev.parallax;

import java.util.Map;

/**
 * Static entry points on a process-wide default {@link Server}, like Python's
 * {@code perspective.table(...)}. Tables made here are hosted by {@link #defaultServer()} and
 * owned by {@link #defaultClient()}; close them when done (the default server lives as long as
 * the process).
 *
 * <p>Thread-safe. The JVM needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} for Arrow.
 */
public final class Parallax {
  private Parallax() {}

  private static final class Default {
    static final Server SERVER = new Server();
    static final Client CLIENT = SERVER.newLocalClient();
  }

  /** A new table from {@code data} on the default server; see {@link Client#table(Object)}. */
  public static Table table(Object data) {
    return Default.CLIENT.table(data);
  }

  public static Table table(Object data, TableOptions options) {
    return Default.CLIENT.table(data, options);
  }

  /** A new table with options in Perspective's keys ({@code index}, {@code limit}, {@code name}, {@code format}). */
  public static Table table(Object data, Map<String, ?> options) {
    return Default.CLIENT.table(data, options);
  }

  public static Server defaultServer() {
    return Default.SERVER;
  }

  public static Client defaultClient() {
    return Default.CLIENT;
  }

  /** The native engine's version. */
  public static String version() {
    return NativeBridge.version();
  }
}
