/* Parallax C API: the only surface the JNI layer (jni/) binds to.
 *
 * Conventions
 *  - Every function returns a status: PX_OK (0) or a PX_ERR_* code. On error,
 *    px_last_error_message() returns the engine's message for the calling
 *    thread (valid until that thread's next call). No C++ exception ever
 *    crosses this boundary: each entry point has exactly one catch-all.
 *  - Handles (px_table*, px_view*, px_buf*) are opaque. px_*_free() releases
 *    the handle and is safe on NULL. A table or view stays usable from many
 *    threads at once (see docs/THREADING.md); a px_buf is single-owner.
 *  - Strings are UTF-8, NUL-terminated unless a length is given. JSON in and
 *    out uses Perspective's own keys (ViewConfig, table options, windows).
 *  - Arrow: the caller owns the ArrowSchema/ArrowArray structs it passes; an
 *    imported array is moved from (its release callback is taken over and the
 *    caller's struct is marked released), even on failure. Exported structs
 *    are filled for the caller, who must call their release callbacks.
 */
#ifndef PARALLAX_CAPI_H
#define PARALLAX_CAPI_H

#include <stdint.h>

#define PX_API __attribute__((visibility("default")))

#ifdef __cplusplus
extern "C" {
#endif

enum {
  PX_OK = 0,
  PX_ERR_INVALID = 1,  /* bad input: config, data, types, unknown column */
  PX_ERR_STATE = 2,    /* deleted/closed object, table with live views, remove on unindexed */
  PX_ERR_PARSE = 3,    /* malformed CSV / JSON / Arrow */
  PX_ERR_INTERNAL = 4  /* engine bug or resource exhaustion */
};

typedef struct px_table px_table;
typedef struct px_view px_view;
typedef struct px_buf px_buf;
struct ArrowSchema;
struct ArrowArray;
struct ArrowArrayStream;

PX_API const char* px_last_error_message(void);
PX_API const char* px_version(void);

/* ---- owned output bytes ---- */
PX_API const uint8_t* px_buf_data(const px_buf* b);
PX_API int64_t px_buf_size(const px_buf* b);
PX_API void px_buf_free(px_buf* b);

/* ---- native memory for inputs ----
 * Memory the Java layer fills with data it hands over (Arrow buffers decoded
 * from IPC bytes, CSV / JSON text), so that the engine reads or adopts it in
 * place instead of JNI copying Java arrays: 64-byte aligned, advised for
 * transparent huge pages when large, counted in px_system_info_json's
 * "input_bytes" until freed. px_memory_free takes the size given to
 * px_memory_alloc, is safe on NULL and may run on any thread. */
PX_API int px_memory_alloc(int64_t size, void** out);
PX_API void px_memory_free(void* p, int64_t size);

/* ---- tables ----
 * format: "csv" | "json" (rows) | "columns" | "ndjson".
 * options_json: {"index": "col", "limit": n, "name": "s"} or NULL. */
PX_API int px_table_from_text(const char* data, int64_t len, const char* format, const char* options_json, px_table** out);
/* schema_json: {"col": "integer", ...} in column order. */
PX_API int px_table_from_schema(const char* schema_json, const char* options_json, px_table** out);
/* One record batch (struct array) through the C Data Interface. */
PX_API int px_table_from_arrow(struct ArrowSchema* schema, struct ArrowArray* array, const char* options_json, px_table** out);
/* All batches of a stream (e.g. an Arrow IPC file or stream decoded in Java); the
 * stream is released before returning, even on failure. Creation nulls throughout. */
PX_API int px_table_from_arrow_stream(struct ArrowArrayStream* stream, const char* options_json, px_table** out);
PX_API int px_table_update_arrow_stream(px_table* t, struct ArrowArrayStream* stream, int32_t port_id);
PX_API int px_table_update_text(px_table* t, const char* data, int64_t len, const char* format, int32_t port_id);
PX_API int px_table_update_arrow(px_table* t, struct ArrowSchema* schema, struct ArrowArray* array, int32_t port_id);
/* keys_json: a JSON array of key values, coerced to the index column's type. */
PX_API int px_table_remove(px_table* t, const char* keys_json, int32_t port_id);
PX_API int px_table_clear(px_table* t);
/* Clear then load; on bad data the error is raised and the table is left empty (as Perspective). */
PX_API int px_table_replace_text(px_table* t, const char* data, int64_t len, const char* format, int32_t port_id);
PX_API int px_table_replace_arrow(px_table* t, struct ArrowSchema* schema, struct ArrowArray* array, int32_t port_id);
PX_API int px_table_size(px_table* t, int64_t* out);
/* {"schema": {"col": "type", ...} (table order), "columns": [...], "index": "col"|null,
 *  "limit": n|null, "name": "s"} */
PX_API int px_table_info_json(px_table* t, px_buf** out);
PX_API int px_table_make_port(px_table* t, int32_t* out);
/* Fails with PX_ERR_STATE while views are alive. */
PX_API int px_table_delete(px_table* t);
PX_API int px_table_view_count(px_table* t, int32_t* out);
/* expressions_json: {"name": "expr", ...} or the legacy list ["// name\nexpr", "expr"].
 * Checks each expression as a view would, without stopping at the first error:
 * {"expression_schema": {"name": "type"}, "errors": {"name": {"error_message": "...",
 *  "line": n, "column": n}}, "expression_alias": {"name": "expr"}} */
PX_API int px_table_validate_expressions_json(px_table* t, const char* expressions_json, px_buf** out);
PX_API void px_table_free(px_table* t);

/* ---- views ---- */
PX_API int px_table_view(px_table* t, const char* config_json, px_view** out);
/* format: "columns" (to_columns_string), "records" (to_json_string), "ndjson", "csv".
 * window_json: {"start_row","end_row","start_col","end_col","id","index","formatted","leaves_only"} or NULL. */
PX_API int px_view_to_text(px_view* v, const char* format, const char* window_json, px_buf** out);
/* Exports the window as one struct array (a record batch) through the C Data Interface.
 * Zero-copy and without per-row work: every column carries its validity bitmap and
 * null_count -1 ("not computed", as the interface allows); count nulls from the bitmap. */
PX_API int px_view_to_arrow(px_view* v, const char* window_json, struct ArrowSchema* out_schema, struct ArrowArray* out_array);
/* {"num_table_rows", "num_table_columns", "num_view_rows", "num_view_columns"} */
PX_API int px_view_dimensions_json(px_view* v, px_buf** out);
/* {"col": "type"} (output types after aggregation) */
PX_API int px_view_schema_json(px_view* v, px_buf** out);
PX_API int px_view_expression_schema_json(px_view* v, px_buf** out);
PX_API int px_view_column_paths_json(px_view* v, const char* window_json, px_buf** out);
PX_API int px_view_config_json(px_view* v, px_buf** out);
PX_API int px_view_num_rows(px_view* v, int64_t* out);
/* [min, max] as JSON */
PX_API int px_view_min_max_json(px_view* v, const char* column, px_buf** out);
PX_API int px_view_expand(px_view* v, int64_t row, int64_t* out_changed);
PX_API int px_view_collapse(px_view* v, int64_t row, int64_t* out_changed);
PX_API int px_view_set_depth(px_view* v, int32_t depth);
/* Detaches from the table; further calls fail with PX_ERR_STATE. Idempotent. */
PX_API int px_view_delete(px_view* v);
PX_API void px_view_free(px_view* v);

/* ---- live updates and engine control ----
 * Every update / remove / replace (not clear) is one processed change of its
 * table. px_view_delta_arrow exports, as one record batch, the rows of this view
 * that changed in the most recent processed change of its table, as Perspective's
 * row-mode on_update delivers them: flat views the inserted or updated rows as
 * they now appear, in view order (0 rows after a remove or when the rows fall
 * outside the filter); grouped views the changed aggregate rows without the
 * row-path columns. */
PX_API int px_view_delta_arrow(px_view* v, struct ArrowSchema* out_schema, struct ArrowArray* out_array);
/* Grouped views work out which rows a change touched only while asked to (a quarter of their
 * refresh cost): on != 0 from now on, or from the first px_view_delta_arrow call. Until then
 * px_view_delta_arrow gives every row. */
PX_API int px_view_set_row_deltas(px_view* v, int32_t on);
/* Threads the engine's parallel loops may use (PARALLAX_NUM_THREADS or the CPU count by default). */
PX_API int32_t px_num_threads(void);
PX_API void px_set_num_threads(int32_t n);
/* {"engine_bytes": bytes held by engine buffers, "input_bytes": bytes of
 *  px_memory_alloc blocks not yet freed (e.g. Arrow buffers a table adopted),
 *  "rss_bytes": process resident set, "cpu_time_ms": process CPU time,
 *  "threads": px_num_threads()} */
PX_API int px_system_info_json(px_buf** out);

#ifdef __cplusplus
}
#endif
#endif
