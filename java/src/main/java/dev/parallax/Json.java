package dev.parallax;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * JSON text in and out of the engine, with the Java value mapping of the public API: numbers as
 * numbers (NaN and infinities as {@code null}), booleans, {@link LocalDate} as
 * {@code "YYYY-MM-DD"}, and {@link Instant}, {@link java.util.Date}, {@link java.sql.Timestamp},
 * {@link OffsetDateTime}, {@link ZonedDateTime} and {@link LocalDateTime} (read as UTC) as ISO-8601
 * UTC strings with milliseconds. Parsed integers are {@code Long}s, fractions {@code Double}s,
 * objects ordered {@code LinkedHashMap}s.
 *
 * <p>Thread-safety: the shared mapper is configured once and then only used, which Jackson
 * supports from many threads.
 */
final class Json {
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .addModule(valueModule())
      .build();

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final TypeReference<List<Object>> ARRAY = new TypeReference<>() {};

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("cannot convert the value to JSON: " + e.getOriginalMessage(), e);
    }
  }

  static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("cannot convert the value to JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Object parse(String text) {
    return read(text, t -> MAPPER.readValue(t, Object.class));
  }

  static Map<String, Object> parseObject(String text) {
    return read(text, t -> MAPPER.readValue(t, OBJECT));
  }

  static List<Object> parseArray(String text) {
    return read(text, t -> MAPPER.readValue(t, ARRAY));
  }

  /** A deep, JSON-normalised copy: arrays become lists, dates become their strings. */
  static Object normalize(Object value) {
    return parse(write(value));
  }

  /** Formats an instant as the API sends it to the engine. */
  static String instant(Instant value) {
    return INSTANT.format(value);
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(String text) throws IOException;
  }

  private static <T> T read(String text, Reader<T> reader) {
    try {
      return reader.read(text);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
      throw new ParseException("malformed JSON: " + detail, e);
    }
  }

  private static SimpleModule valueModule() {
    SimpleModule m = new SimpleModule("parallax-values");
    m.addSerializer(Double.class, new FiniteSerializer<>(Double::doubleValue));
    m.addSerializer(Float.class, new FiniteSerializer<>(Float::doubleValue));
    m.addSerializer(LocalDate.class, new StringSerializer<>(LocalDate::toString));
    m.addSerializer(java.sql.Date.class, new StringSerializer<>(d -> d.toLocalDate().toString()));
    m.addSerializer(java.sql.Timestamp.class, new StringSerializer<>(t -> instant(t.toInstant())));
    m.addSerializer(java.util.Date.class, new StringSerializer<>(d -> instant(d.toInstant())));
    m.addSerializer(Instant.class, new StringSerializer<>(Json::instant));
    m.addSerializer(LocalDateTime.class, new StringSerializer<>(t -> instant(t.toInstant(ZoneOffset.UTC))));
    m.addSerializer(OffsetDateTime.class, new StringSerializer<>(t -> instant(t.toInstant())));
    m.addSerializer(ZonedDateTime.class, new StringSerializer<>(t -> instant(t.toInstant())));
    m.addSerializer(ColumnType.class, new StringSerializer<>(ColumnType::typeName));
    return m;
  }

  /** Writes a value as the JSON string {@code format} gives it. */
  private static final class StringSerializer<T> extends JsonSerializer<T> {
    private final Function<T, String> format;

    StringSerializer(Function<T, String> format) {
      this.format = format;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(format.apply(value));
    }
  }

  /** Writes a float as a number, or {@code null} when it is NaN or infinite (not valid JSON). */
  private static final class FiniteSerializer<T> extends JsonSerializer<T> {
    private final ToDoubleFunction<T> asDouble;

    FiniteSerializer(ToDoubleFunction<T> asDouble) {
      this.asDouble = asDouble;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      double d = asDouble.applyAsDouble(value);
      if (Double.isFinite(d)) {
        if (value instanceof Float) {
          gen.writeNumber((Float) value);
        } else {
          gen.writeNumber(d);
        }
      } else {
        gen.writeNull();
      }
    }
  }
}
