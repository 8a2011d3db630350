package dev.parallax;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A view's {@code dimensions()}: the table's rows and columns, and the view's visible rows
 * (total row included) and data columns (split paths in split views). Immutable.
 */
public record ViewDimensions(long numTableRows, long numTableColumns, long numViewRows, long numViewColumns) {
  /** As Perspective's map: {@code num_table_rows}, {@code num_table_columns}, {@code num_view_rows}, {@code num_view_columns}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("num_table_rows", numTableRows);
    m.put("num_table_columns", numTableColumns);
    m.put("num_view_rows", numViewRows);
    m.put("num_view_columns", numViewColumns);
    return m;
  }
}
