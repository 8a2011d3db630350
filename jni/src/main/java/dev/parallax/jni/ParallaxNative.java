package dev.parallax.jni;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The JavaCPP binding of the Parallax C API ({@code cpp/src/parallax/capi/parallax.h}), one Java
 * method per C function. JavaCPP generates the JNI code of this class at build time and
 * {@link Loader#load()} extracts and loads it, with {@code libparallax.so}, OpenMP's and
 * simdjson's runtimes, from the {@code linux-x86_64} jar.
 *
 * <p>Native handles ({@code px_table*}, {@code px_view*}, {@code px_buf*}) and Arrow C Data
 * structs cross as {@code long} addresses; out-parameters are one-element {@code long[]},
 * {@code int[]}. Strings go in as NUL-terminated UTF-8 {@code byte[]} (see {@link #cstr}), data
 * as a {@code byte[]} plus its length. Every function but the {@code *_free} ones returns a
 * {@code PX_*} status; on failure {@link #px_last_error_message()} holds the engine's message for
 * the calling thread until its next call. No C++ exception crosses the boundary: the C API
 * catches everything.
 *
 * <p>This class is internal to Parallax: {@code dev.parallax} wraps each handle in an owning Java
 * object and turns statuses into exceptions. It holds no state and is thread-safe as far as the C
 * API is (tables and views may be used from many threads; a {@code px_buf} has one owner).
 */
@Platform(
    include = "parallax/capi/parallax.h",
    link = "parallax",
    preload = {"gomp@.1", "simdjson@.14"})
public final class ParallaxNative {
  static {
    Loader.load();
  }

  public static final int PX_OK = 0;
  public static final int PX_ERR_INVALID = 1;
  public static final int PX_ERR_STATE = 2;
  public static final int PX_ERR_PARSE = 3;
  public static final int PX_ERR_INTERNAL = 4;

  private ParallaxNative() {}

  /** Loads the native libraries now (the first use of this class does it anyway). */
  public static void load() {}

  /** NUL-terminated UTF-8 bytes of {@code s}, or {@code null} for a null string. */
  public static byte[] cstr(String s) {
    if (s == null) {
      return null;
    }
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(utf8, utf8.length + 1);
  }

  // ---- errors and version ----
  public static native @Cast("const char*") BytePointer px_last_error_message();

  public static native @Cast("const char*") BytePointer px_version();

  // ---- owned output bytes ----
  public static native @Cast("const uint8_t*") BytePointer px_buf_data(@Cast("const px_buf*") long buf);

  public static native @Cast("int64_t") long px_buf_size(@Cast("const px_buf*") long buf);

  public static native void px_buf_free(@Cast("px_buf*") long buf);

  // ---- native memory for inputs ----
  /** 64-byte aligned native memory for data handed to the engine; free with {@link #px_memory_free}. */
  public static native int px_memory_alloc(@Cast("int64_t") long size, @Cast("void**") long[] out);

  public static native void px_memory_free(@Cast("void*") long p, @Cast("int64_t") long size);

  // ---- tables ----
  // The text functions come twice: with a Java byte[] (JNI copies it in) and with the address of
  // native memory (read in place; see px_memory_alloc).
  public static native int px_table_from_text(
      @Cast("const char*") long data, @Cast("int64_t") long len, @Cast("const char*") byte[] format,
      @Cast("const char*") byte[] optionsJson, @Cast("px_table**") long[] out);

  public static native int px_table_update_text(
      @Cast("px_table*") long table, @Cast("const char*") long data, @Cast("int64_t") long len,
      @Cast("const char*") byte[] format, @Cast("int32_t") int portId);

  public static native int px_table_replace_text(
      @Cast("px_table*") long table, @Cast("const char*") long data, @Cast("int64_t") long len,
      @Cast("const char*") byte[] format, @Cast("int32_t") int portId);

  public static native int px_table_from_text(
      @Cast("const char*") byte[] data, @Cast("int64_t") long len, @Cast("const char*") byte[] format,
      @Cast("const char*") byte[] optionsJson, @Cast("px_table**") long[] out);

  public static native int px_table_from_schema(
      @Cast("const char*") byte[] schemaJson, @Cast("const char*") byte[] optionsJson,
      @Cast("px_table**") long[] out);

  public static native int px_table_from_arrow(
      @Cast("ArrowSchema*") long schema, @Cast("ArrowArray*") long array,
      @Cast("const char*") byte[] optionsJson, @Cast("px_table**") long[] out);

  public static native int px_table_from_arrow_stream(
      @Cast("ArrowArrayStream*") long stream, @Cast("const char*") byte[] optionsJson,
      @Cast("px_table**") long[] out);

  public static native int px_table_update_arrow_stream(
      @Cast("px_table*") long table, @Cast("ArrowArrayStream*") long stream, @Cast("int32_t") int portId);

  public static native int px_table_update_text(
      @Cast("px_table*") long table, @Cast("const char*") byte[] data, @Cast("int64_t") long len,
      @Cast("const char*") byte[] format, @Cast("int32_t") int portId);

  public static native int px_table_update_arrow(
      @Cast("px_table*") long table, @Cast("ArrowSchema*") long schema, @Cast("ArrowArray*") long array,
      @Cast("int32_t") int portId);

  public static native int px_table_remove(
      @Cast("px_table*") long table, @Cast("const char*") byte[] keysJson, @Cast("int32_t") int portId);

  public static native int px_table_clear(@Cast("px_table*") long table);

  public static native int px_table_replace_text(
      @Cast("px_table*") long table, @Cast("const char*") byte[] data, @Cast("int64_t") long len,
      @Cast("const char*") byte[] format, @Cast("int32_t") int portId);

  public static native int px_table_replace_arrow(
      @Cast("px_table*") long table, @Cast("ArrowSchema*") long schema, @Cast("ArrowArray*") long array,
      @Cast("int32_t") int portId);

  public static native int px_table_size(@Cast("px_table*") long table, @Cast("int64_t*") long[] out);

  public static native int px_table_info_json(@Cast("px_table*") long table, @Cast("px_buf**") long[] out);

  public static native int px_table_make_port(@Cast("px_table*") long table, @Cast("int32_t*") int[] out);

  public static native int px_table_delete(@Cast("px_table*") long table);

  public static native int px_table_view_count(@Cast("px_table*") long table, @Cast("int32_t*") int[] out);

  public static native int px_table_validate_expressions_json(@Cast("px_table*") long table,
      @Cast("const char*") byte[] expressionsJson, @Cast("px_buf**") long[] out);

  public static native void px_table_free(@Cast("px_table*") long table);

  // ---- views ----
  public static native int px_table_view(
      @Cast("px_table*") long table, @Cast("const char*") byte[] configJson, @Cast("px_view**") long[] out);

  public static native int px_view_to_text(
      @Cast("px_view*") long view, @Cast("const char*") byte[] format, @Cast("const char*") byte[] windowJson,
      @Cast("px_buf**") long[] out);

  public static native int px_view_to_arrow(
      @Cast("px_view*") long view, @Cast("const char*") byte[] windowJson,
      @Cast("ArrowSchema*") long outSchema, @Cast("ArrowArray*") long outArray);

  public static native int px_view_dimensions_json(@Cast("px_view*") long view, @Cast("px_buf**") long[] out);

  public static native int px_view_schema_json(@Cast("px_view*") long view, @Cast("px_buf**") long[] out);

  public static native int px_view_expression_schema_json(@Cast("px_view*") long view, @Cast("px_buf**") long[] out);

  public static native int px_view_column_paths_json(
      @Cast("px_view*") long view, @Cast("const char*") byte[] windowJson, @Cast("px_buf**") long[] out);

  public static native int px_view_config_json(@Cast("px_view*") long view, @Cast("px_buf**") long[] out);

  public static native int px_view_num_rows(@Cast("px_view*") long view, @Cast("int64_t*") long[] out);

  public static native int px_view_min_max_json(
      @Cast("px_view*") long view, @Cast("const char*") byte[] column, @Cast("px_buf**") long[] out);

  public static native int px_view_expand(
      @Cast("px_view*") long view, @Cast("int64_t") long row, @Cast("int64_t*") long[] outChanged);

  public static native int px_view_collapse(
      @Cast("px_view*") long view, @Cast("int64_t") long row, @Cast("int64_t*") long[] outChanged);

  public static native int px_view_set_depth(@Cast("px_view*") long view, @Cast("int32_t") int depth);

  public static native int px_view_delete(@Cast("px_view*") long view);

  public static native void px_view_free(@Cast("px_view*") long view);

  // ---- live updates and engine control ----
  /** The rows of this view that changed in its table's most recent processed change, as one batch. */
  public static native int px_view_delta_arrow(
      @Cast("px_view*") long view, @Cast("ArrowSchema*") long outSchema, @Cast("ArrowArray*") long outArray);

  /** Whether the view's refreshes track the rows they change (row-mode listeners). */
  public static native int px_view_set_row_deltas(@Cast("px_view*") long view, @Cast("int32_t") int on);

  public static native @Cast("int32_t") int px_num_threads();

  public static native void px_set_num_threads(@Cast("int32_t") int n);

  public static native int px_system_info_json(@Cast("px_buf**") long[] out);
}
