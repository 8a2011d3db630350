package dev.parallax;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The comparison rules of {@code conformance/compare.py}, in Java: integers, strings, booleans
 * and row paths exactly; floats with a relative tolerance of 1e-9 (absolute 1e-12); schema maps
 * unordered, every other map ordered; for errors only the fact and the stage are normative, and
 * snapshots recorded before a failing step must still agree. Values are those of a JSON parse
 * (Long, Double, String, Boolean, List, Map, null).
 */
final class ConformanceComparator {
  private static final double REL_TOL = 1e-9;
  private static final double ABS_TOL = 1e-12;

  private ConformanceComparator() {}

  /** Null when {@code result} agrees with {@code expected}, else the first difference. */
  @SuppressWarnings("unchecked")
  static String compareCase(Map<String, Object> expected, Map<String, Object> result) {
    if (expected.containsKey("error")) {
      String stage = (String) ((Map<String, Object>) expected.get("error")).get("stage");
      if (!result.containsKey("error")) {
        return "expected an error at stage " + stage + ", got none";
      }
      Object got = ((Map<String, Object>) result.get("error")).get("stage");
      if (!Objects.equals(stage, got)) {
        return "error at stage " + got + " != expected " + stage;
      }
      for (String k : expected.keySet()) {
        if (!k.equals("error") && result.containsKey(k)) {
          String d = same(expected.get(k), result.get(k), k);
          if (d != null) {
            return d;
          }
        }
      }
      return null;
    }
    if (result.containsKey("error")) {
      Map<String, Object> e = (Map<String, Object>) result.get("error");
      return "unexpected error at stage " + e.get("stage") + ": " + e.get("message");
    }
    for (String k : expected.keySet()) {
      if (!result.containsKey(k)) {
        return "missing " + k;
      }
      String d = same(expected.get(k), result.get(k), k);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static Object unfloat(Object v) {
    if (v instanceof Map && ((Map<?, ?>) v).size() == 1 && ((Map<?, ?>) v).containsKey("$float")) {
      String s = String.valueOf(((Map<?, ?>) v).get("$float"));
      return s.equals("NaN") ? Double.NaN : s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return v;
  }

  static String same(Object a, Object b, String path) {
    a = unfloat(a);
    b = unfloat(b);
    String diff = path + ": " + b + " != expected " + a;
    if (a instanceof Boolean || b instanceof Boolean) {
      return Objects.equals(a, b) ? null : diff;
    }
    if (a instanceof Number && b instanceof Number) {
      if (a instanceof Double || b instanceof Double) {
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        if (Double.isNaN(x) && Double.isNaN(y)) {
          return null;
        }
        return x == y || Math.abs(x - y) <= Math.max(REL_TOL * Math.max(Math.abs(x), Math.abs(y)), ABS_TOL) ? null : diff;
      }
      return ((Number) a).longValue() == ((Number) b).longValue() ? null : diff;
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return path + ": length " + y.size() + " != expected " + x.size();
      }
      for (int i = 0; i < x.size(); i++) {
        String d = same(x.get(i), y.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      boolean unordered = path.endsWith("schema") || path.endsWith("expression_schema") || path.endsWith("table_schema");
      if (!x.keySet().equals(y.keySet())) {
        return path + ": keys " + y.keySet() + " != expected " + x.keySet();
      }
      if (!unordered && !new ArrayList<>(x.keySet()).equals(new ArrayList<>(y.keySet()))) {
        return path + ": key order " + y.keySet() + " != expected " + x.keySet();
      }
      for (Object k : x.keySet()) {
        String d = same(x.get(k), y.get(k), path + "." + k);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return Objects.equals(a, b) ? null : diff;
  }
}
