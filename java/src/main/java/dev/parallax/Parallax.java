package dev.parallax;

import dev.parallax.jni.ParallaxNative;
import java.util.LinkedHashMap;
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

  /**
   * The number of threads the engine's parallel loops use: {@code PARALLAX_NUM_THREADS}, or the
   * number of CPUs, unless {@link #setNumCpus(int)} changed it (Perspective's {@code num_cpus}).
   */
  public static int numCpus() {
    return ParallaxNative.px_num_threads();
  }

  /** Sets the number of threads the engine's parallel loops use (at least 1). */
  public static void setNumCpus(int n) {
    if (n < 1) {
      throw new InvalidInputException("the number of threads must be at least 1, got " + n);
    }
    ParallaxNative.px_set_num_threads(n);
  }

  /**
   * Engine figures: {@code engine_bytes} (held by engine buffers), {@code rss_bytes} (process
   * resident set), {@code cpu_time_ms} (process CPU time), {@code threads}, plus the JVM's
   * {@code jvm_heap_used} and {@code jvm_heap_max} (Perspective's {@code system_info}).
   */
  public static Map<String, Object> systemInfo() {
    Map<String, Object> info = new LinkedHashMap<>(
        Json.parseObject(NativeBridge.takeString(ParallaxNative::px_system_info_json)));
    Runtime rt = Runtime.getRuntime();
    info.put("jvm_heap_used", rt.totalMemory() - rt.freeMemory());
    info.put("jvm_heap_max", rt.maxMemory());
    return info;
  }

  /** The native engine's version. */
  public static String version() {
    return NativeBridge.version();
  }
}
