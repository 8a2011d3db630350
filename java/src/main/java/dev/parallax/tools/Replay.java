package dev.parallax.tools;

import dev.parallax.Client;
import dev.parallax.Server;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code scripts/replay CASE.json|CASE_DIR ...}: runs conformance cases through the public API
 * and prints one JSON line per case, {@code {"name": ..., "result": {...}}} (see
 * {@code conformance/FORMAT.md}). A case that crashes the harness is reported with stage
 * {@code harness} and the run goes on; the exit status is 0 once the tool has started.
 */
public final class Replay {
  private Replay() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: scripts/replay CASE.json|CASE_DIR ...");
      System.exit(2);
    }
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    try (Server server = new Server(); Client client = server.newLocalClient()) {
      CaseRunner runner = new CaseRunner(client);
      for (String arg : args) {
        for (Path file : CaseRunner.caseFiles(Path.of(arg))) {
          out.println(CaseRunner.JSON.writeValueAsString(runOne(runner, file)));
          out.flush();
        }
      }
    }
    out.flush();
  }

  private static Map<String, Object> runOne(CaseRunner runner, Path file) {
    Map<String, Object> line = new LinkedHashMap<>();
    String name = file.getFileName().toString().replaceFirst("\\.json$", "").replaceFirst("^\\d+-", "");
    try {
      Object n = CaseRunner.readObject(file).get("name");
      if (n != null) {
        name = n.toString();
      }
      line.put("name", name);
      line.put("result", runner.run(file));
    } catch (Throwable t) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("stage", "harness");
      error.put("message", t + " " + firstFrame(t));
      line.put("name", name);
      line.put("result", Map.of("error", error));
    }
    return line;
  }

  private static String firstFrame(Throwable t) {
    StringWriter w = new StringWriter();
    StackTraceElement[] frames = t.getStackTrace();
    if (frames.length > 0) {
      w.write("at " + frames[0]);
    }
    return w.toString();
  }
}
