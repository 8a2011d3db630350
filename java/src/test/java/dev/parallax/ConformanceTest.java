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
 * Runs the shared conformance cases of some categories (recorded from Perspective 3.8.0)
 * through {@link CaseRunner}, the code behind {@code scripts/replay}, and compares each result
 * with the recorded one under compare.py's rules. One dynamic test per case.
 *
 * <p>The cases come from {@code -Dparallax.conformance.dir} (default
 * {@code ../shared/conformance}, relative to the project root); the tests are skipped when the
 * folder is absent. {@code -Dparallax.conformance.categories=flat,load_format} picks the
 * categories.
 */
class ConformanceTest extends ParallaxTestBase {
  private static final String DEFAULT_CATEGORIES = "flat,load_format";

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
    assertNull(diff, () -> c.get("name") + ": " + diff);
  }
}
