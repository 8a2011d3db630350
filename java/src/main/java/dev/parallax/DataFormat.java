package dev.parallax;

import java.util.Locale;

/**
 * The format of input data given as a {@code String} or {@code byte[]}, as Perspective's
 * {@code format} option: strings default to {@link #CSV}, bytes to {@link #ARROW} (IPC stream or
 * file). Immutable and thread-safe.
 */
public enum DataFormat {
  /** CSV text with a header line. */
  CSV("csv"),
  /** JSON text: an array of row objects. */
  JSON("json"),
  /** JSON text: an object of column name to array of values. */
  COLUMNS("columns"),
  /** Newline-delimited JSON row objects. */
  NDJSON("ndjson"),
  /** Arrow IPC bytes, stream or file format. */
  ARROW("arrow");

  private final String formatName;

  DataFormat(String formatName) {
    this.formatName = formatName;
  }

  /** The option value Perspective uses ({@code "csv"}, {@code "json"}, ...). */
  public String formatName() {
    return formatName;
  }

  /** The format named {@code name} (any letter case). */
  public static DataFormat fromName(String name) {
    for (DataFormat f : values()) {
      if (f.formatName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new InvalidInputException(
        "unknown variant `" + name + "`, expected one of `csv`, `json`, `columns`, `ndjson`, `arrow`");
  }

  @Override
  public String toString() {
    return formatName;
  }
}
