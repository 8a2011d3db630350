package dev.parallax;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Table#validateExpressions(Map)} found: each expression checked as a view would
 * check it, without stopping at the first error (Perspective's {@code validate_expressions}).
 * Immutable.
 *
 * @param expressionSchema the expressions that compile, name to result type
 * @param errors the expressions that do not, name to the reason
 * @param expressionAlias every expression given, name to its text
 */
public record ExpressionValidation(
    Map<String, ColumnType> expressionSchema, Map<String, ExpressionError> errors, Map<String, String> expressionAlias) {

  /**
   * Why an expression does not compile: the reference engine's message and, where it gives
   * them, the 0-based line and column of the fault (0 otherwise).
   */
  public record ExpressionError(String errorMessage, int line, int column) {}

  public ExpressionValidation {
    expressionSchema = Collections.unmodifiableMap(new LinkedHashMap<>(expressionSchema));
    errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    expressionAlias = Collections.unmodifiableMap(new LinkedHashMap<>(expressionAlias));
  }

  /** Whether every expression compiles. */
  public boolean isValid() {
    return errors.isEmpty();
  }

  /** Reads the engine's JSON ({@code expression_schema}, {@code errors}, {@code expression_alias}). */
  @SuppressWarnings("unchecked")
  static ExpressionValidation fromJson(String json) {
    Map<String, Object> m = Json.parseObject(json);
    Map<String, ColumnType> schema = new LinkedHashMap<>();
    ((Map<String, Object>) m.get("expression_schema")).forEach((k, v) -> schema.put(k, ColumnType.fromName((String) v)));
    Map<String, ExpressionError> errors = new LinkedHashMap<>();
    ((Map<String, Object>) m.get("errors")).forEach((k, v) -> {
      Map<String, Object> e = (Map<String, Object>) v;
      errors.put(k, new ExpressionError((String) e.get("error_message"), ((Number) e.get("line")).intValue(),
          ((Number) e.get("column")).intValue()));
    });
    Map<String, String> alias = new LinkedHashMap<>();
    ((Map<String, Object>) m.get("expression_alias")).forEach((k, v) -> alias.put(k, (String) v));
    return new ExpressionValidation(schema, errors, alias);
  }
}
