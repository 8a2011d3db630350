package dev.parallax.tools;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parallax.Client;
import dev.parallax.ColumnType;
import dev.parallax.ParallaxException;
import dev.parallax.Table;
import dev.parallax.TableOptions;
import dev.parallax.View;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one conformance case (see {@code conformance/FORMAT.md}) through the public Java API and
 * returns a result shaped like the case's {@code expected}: {@code table_schema},
 * {@code table_size}, {@code initial}, {@code steps}, and {@code error {stage, message}} when a
 * stage threw. Shared by {@link Replay} and the JUnit conformance test.
 *
 * <p>Stages: {@code table} (creation and the dataset load), {@code view}, {@code read} (the
 * initial snapshot) and {@code step:k}. Only {@link ParallaxException}s count as engine errors;
 * anything else propagates, and the caller reports it as a harness failure.
 *
 * <p>Thread-safety: an instance may run cases from many threads; each case uses its own table.
 */
public final class CaseRunner {
  /** Case JSON: integers as {@code Long}, fractions as {@code Double}, ordered objects. */
  public static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .build();

  private final Client client;

  /** Runs cases on tables made by {@code client}. */
  public CaseRunner(Client client) {
    this.client = client;
  }

  /** Reads a JSON object file. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(Path file) throws IOException {
    return JSON.readValue(Files.readAllBytes(file), LinkedHashMap.class);
  }

  /** The case files named by {@code arg}: the file itself, or a folder's {@code *.json} in name order. */
  public static List<Path> caseFiles(Path arg) throws IOException {
    if (!Files.isDirectory(arg)) {
      return List.of(arg);
    }
    try (var files = Files.list(arg)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Runs the case in {@code caseFile}; its dataset comes from {@code ../datasets/<name>.json}. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> run(Path caseFile) throws IOException {
    Map<String, Object> c = readObject(caseFile);
    Map<String, Object> dataset = null;
    if (c.get("dataset") != null) {
      Path dir = caseFile.toAbsolutePath().getParent();
      dataset = readObject(dir.resolveSibling("datasets").resolve(c.get("dataset") + ".json"));
    }
    return run(c, dataset);
  }

  /** Runs a parsed case with its parsed dataset (null for {@code load} cases). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> run(Map<String, Object> c, Map<String, Object> dataset) {
    Map<String, Object> result = new LinkedHashMap<>();
    Table table;
    try {
      TableOptions options = TableOptions.fromMap((Map<String, Object>) c.get("table_options"));
      Map<String, Object> load = (Map<String, Object>) c.get("load");
      if (load != null) {
        table = client.table(load.get("data"), options);
      } else {
        table = client.table(dataset.get("schema"), options);
        try {
          table.update(dataset.get("columns"));
        } catch (ParallaxException e) {
          table.close();
          throw e;
        }
      }
    } catch (ParallaxException e) {
      return error(result, "table", e);
    }
    try (table) {
      result.put("table_schema", sorted(table.schema()));
      result.put("table_size", table.size());
      View view;
      try {
        view = table.view((Map<String, Object>) c.get("view_config"));
      } catch (ParallaxException e) {
        return error(result, "view", e);
      }
      try (view) {
        try {
          result.put("initial", snapshot(view));
        } catch (ParallaxException e) {
          return error(result, "read", e);
        }
        List<Object> steps = new ArrayList<>();
        result.put("steps", steps);
        List<Map<String, Object>> todo = (List<Map<String, Object>>) c.getOrDefault("steps", List.of());
        for (int k = 0; k < todo.size(); k++) {
          try {
            apply(table, todo.get(k));
            Map<String, Object> snap = snapshot(view);
            snap.put("table_size", table.size());
            steps.add(snap);
          } catch (ParallaxException e) {
            return error(result, "step:" + k, e);
          }
        }
      }
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static void apply(Table table, Map<String, Object> step) {
    String op = String.valueOf(step.get("op"));
    switch (op) {
      case "update":
        table.update(step.get("data"));
        break;
      case "remove":
        table.remove((List<Object>) step.get("keys"));
        break;
      case "clear":
        table.clear();
        break;
      case "replace":
        table.replace(step.get("data"));
        break;
      default:
        throw new IllegalArgumentException("unknown step op '" + op + "'");
    }
  }

  private static Map<String, Object> snapshot(View view) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("to_columns", encode(view.toColumns()));
    s.put("schema", sorted(view.schema()));
    s.put("expression_schema", sorted(view.expressionSchema()));
    s.put("dimensions", view.dimensions().toMap());
    s.put("column_paths", view.columnPaths());
    return s;
  }

  private static Map<String, String> sorted(Map<String, ColumnType> schema) {
    Map<String, String> out = new TreeMap<>();
    schema.forEach((k, v) -> out.put(k, v.typeName()));
    return out;
  }

  /** FORMAT.md's value encoding: non-finite floats become {@code {"$float": ...}}. */
  private static Object encode(Object v) {
    if (v instanceof Double && !Double.isFinite((Double) v)) {
      double d = (Double) v;
      return Map.of("$float", Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
    }
    if (v instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put(k, encode(x)));
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object x : (List<?>) v) {
        out.add(encode(x));
      }
      return out;
    }
    return v;
  }

  private static Map<String, Object> error(Map<String, Object> result, String stage, ParallaxException e) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("stage", stage);
    err.put("message", firstLine(e.getMessage()));
    result.put("error", err);
    return result;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    for (String line : message.split("\n")) {
      if (!line.isBlank()) {
        return line.trim();
      }
    }
    return "";
  }
}
