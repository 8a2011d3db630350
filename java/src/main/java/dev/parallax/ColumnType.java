package dev.parallax;

import java.util.Locale;

/**
 * The six column types of a Parallax (Perspective) table, with their engine names. Immutable and
 * thread-safe.
 */
public enum ColumnType {
  STRING("string"),
  INTEGER("integer"),
  FLOAT("float"),
  BOOLEAN("boolean"),
  DATE("date"),
  DATETIME("datetime");

  private final String typeName;

  ColumnType(String typeName) {
    this.typeName = typeName;
  }

  /** The engine's lower-case name, as in {@code schema()} outputs and schema inputs. */
  public String typeName() {
    return typeName;
  }

  /** The type named {@code name} (engine name, any letter case). */
  public static ColumnType fromName(String name) {
    for (ColumnType t : values()) {
      if (t.typeName.equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new InvalidInputException(
        "unknown variant `" + name + "`, expected one of `string`, `date`, `datetime`, `integer`, `float`, `boolean`");
  }

  @Override
  public String toString() {
    return typeName;
  }
}
