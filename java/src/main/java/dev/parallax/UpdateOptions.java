package dev.parallax;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link Table#update}, {@link Table#remove} and {@link Table#replace}, with
 * Perspective's keys: {@code port_id} (the input port the change is tagged with, from
 * {@link Table#makePort()}; 0 by default) and {@code format} (how a {@code String} or
 * {@code byte[]} input is read).
 *
 * <p>Immutable and thread-safe.
 */
public final class UpdateOptions {
  private static final UpdateOptions DEFAULTS = new UpdateOptions(0, null);

  private final int portId;
  private final DataFormat format;

  private UpdateOptions(int portId, DataFormat format) {
    this.portId = portId;
    this.format = format;
  }

  /** Port 0, default format. */
  public static UpdateOptions defaults() {
    return DEFAULTS;
  }

  public static UpdateOptions port(int portId) {
    return new UpdateOptions(portId, null);
  }

  public static UpdateOptions format(DataFormat format) {
    return new UpdateOptions(0, format);
  }

  /**
   * Options from a map with Perspective's keys ({@code port_id}, {@code format}).
   *
   * @throws InvalidInputException on an unknown key or a value of the wrong type
   */
  public static UpdateOptions fromMap(Map<String, ?> options) {
    UpdateOptions o = DEFAULTS;
    if (options == null) {
      return o;
    }
    for (Map.Entry<String, ?> e : options.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        continue;
      }
      if (e.getKey().equals("port_id") && v instanceof Number) {
        o = o.withPortId(((Number) v).intValue());
      } else if (e.getKey().equals("format") && (v instanceof String || v instanceof DataFormat)) {
        o = o.withFormat(v instanceof DataFormat ? (DataFormat) v : DataFormat.fromName((String) v));
      } else if (e.getKey().equals("port_id") || e.getKey().equals("format")) {
        throw new InvalidInputException("invalid type for `" + e.getKey() + "`");
      } else {
        throw new InvalidInputException("unknown field `" + e.getKey() + "`, expected one of `port_id`, `format`");
      }
    }
    return o;
  }

  public UpdateOptions withPortId(int portId) {
    return new UpdateOptions(portId, format);
  }

  public UpdateOptions withFormat(DataFormat format) {
    return new UpdateOptions(portId, format);
  }

  public int getPortId() {
    return portId;
  }

  public Optional<DataFormat> getFormat() {
    return Optional.ofNullable(format);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpdateOptions && ((UpdateOptions) o).portId == portId && ((UpdateOptions) o).format == format;
  }

  @Override
  public int hashCode() {
    return Objects.hash(portId, format);
  }

  @Override
  public String toString() {
    return "UpdateOptions{port_id=" + portId + (format == null ? "" : ", format=" + format) + "}";
  }
}
