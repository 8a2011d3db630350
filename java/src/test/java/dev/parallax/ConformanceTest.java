package dev.parallax;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parallax.tools.CaseRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs conformance cases (recorded from Perspective 3.8.0) through {@link CaseRunner}, the code
 * behind {@code scripts/replay}, and compares each result with the recorded one under
 * compare.py's rules. One dynamic test per case.
 *
 * <ul>
 *   <li>{@link #sharedCases()}: the shared sample cases from {@code -Dparallax.conformance.dir}
 *       (default {@code ../shared/conformance}, relative to the project root), skipped when the
 *       folder is absent; {@code -Dparallax.conformance.categories} picks the categories
 *       (default: every category the engine supports, including the live {@code update}
 *       sequences and {@code expression}).
 *   <li>{@link #projectCases()}: every case in the project's own {@code conformance/cases},
 *       generated from the reference engine by {@code scripts/conformance/gen-cases.mjs}.
 * </ul>
 *
 * <p>{@code conformance/known-failures.txt} lists cases that do not match yet, and
 * {@code conformance/divergences.txt} recorded results Parallax deliberately does not
 * reproduce (docs/COMPATIBILITY.md); one name per line, the reason after a {@code #}. Listed
 * cases must still differ: when one starts to match, its test fails until the line is
 * removed, so the lists can only shrink honestly.
 */
class ConformanceTest extends ParallaxTestBase {
  private static final String DEFAULT_CATEGORIES =
      "flat,load_format,group_by_1,group_by_n,aggregate_numeric,aggregate_other,split_by,sort,filter,error,update,expression";
  private static final Set<String> KNOWN_FAILURES = knownFailures();

  private static Set<String> knownFailures() {
    Set<String> names = new java.util.HashSet<>();
    for (String list : List.of("conformance/known-failures.txt", "conformance/divergences.txt")) {
      try {
        Path f = Path.of(list);
        if (!Files.exists(f)) continue;
        for (String line : Files.readAllLines(f)) {
          String name = line.replaceAll("#.*", "").trim();
          if (!name.isEmpty()) names.add(name);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return names;
  }

  @TestFactory
  Stream<DynamicTest> projectCases() throws IOException {
    Path cases = Path.of("conformance/cases");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : CaseRunner.caseFiles(cases)) {
      Map<String, Object> c = CaseRunner.readObject(file);
      tests.add(DynamicTest.dynamicTest(c.get("category") + "/" + c.get("name"), file.toUri(), () -> check(file, c)));
    }
    org.junit.jupiter.api.Assertions.assertTrue(tests.size() > 1000, "project cases missing: " + tests.size());
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> sharedCases() throws IOException {
    Path dir = Path.of(System.getProperty("parallax.conformance.dir", "../shared/conformance"));
    Path cases = dir.resolve("cases");
    assumeTrue(Files.isDirectory(cases), "no conformance cases at " + cases.toAbsolutePath());
    Set<String> categories = Set.of(System.getProperty("parallax.conformance.categories", DEFAULT_CATEGORIES).split(","));
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : CaseRunner.caseFiles(cases)) {
      Map<String, Object> c = CaseRunner.readObject(file);
      if (categories.contains(String.valueOf(c.get("category")))) {
        tests.add(DynamicTest.dynamicTest(c.get("category") + "/" + c.get("name"), file.toUri(), () -> check(file, c)));
      }
    }
    assumeTrue(!tests.isEmpty(), "no cases of categories " + categories);
    return tests.stream();
  }

  @SuppressWarnings("unchecked")
  private void check(Path file, Map<String, Object> c) throws IOException {
    Map<String, Object> result = new CaseRunner(client).run(file);
    // Compare what scripts/replay would print: the result after a JSON round trip.
    Map<String, Object> printed = CaseRunner.JSON.readValue(CaseRunner.JSON.writeValueAsString(result), Map.class);
    String diff = ConformanceComparator.compareCase((Map<String, Object>) c.get("expected"), printed);
    if (KNOWN_FAILURES.contains(String.valueOf(c.get("name")))) {
      org.junit.jupiter.api.Assertions.assertNotNull(diff,
          () -> c.get("name") + " now matches the recording: remove it from conformance/known-failures.txt or divergences.txt");
      return;
    }
    assertNull(diff, () -> c.get("name") + ": " + diff);
  }
}
