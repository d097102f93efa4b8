package dev.inlet.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's tour and {@code docs/tour.sh} are the same steps: each {@code ```sh} block of the
 * tour section is one step of the script (between {@code # ----} lines), character for character, in
 * order. {@code TourIT} runs the script, so a README that drifts from the code fails.
 */
class TourScriptTest {
  static final Path ROOT = Path.of(System.getProperty("inlet.root", "..")).toAbsolutePath().normalize();

  static List<String> scriptSteps() throws Exception {
    String script = Files.readString(ROOT.resolve("docs/tour.sh"));
    String[] parts = script.split("\n# ----\n", -1);
    List<String> steps = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      steps.add(parts[i].strip());
    }
    return steps;
  }

  static List<String> readmeTourBlocks() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## A five-minute tour\n");
    assertThat(start).as("README has a section '## A five-minute tour'").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    String tour = readme.substring(start, end < 0 ? readme.length() : end);
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("\n```sh\n(.*?)\n```\n", Pattern.DOTALL).matcher(tour);
    while (m.find()) {
      blocks.add(m.group(1).strip());
    }
    return blocks;
  }

  @Test
  void theReadmesTourBlocksAreTheScriptsStepsInOrder() throws Exception {
    List<String> steps = scriptSteps();
    assertThat(steps).hasSizeGreaterThanOrEqualTo(8);
    assertThat(readmeTourBlocks()).containsExactlyElementsOf(steps);
  }

  @Test
  void theTourPastesNothingAndUsesTheDefaultTenant() throws Exception {
    String all = String.join("\n", scriptSteps());
    assertThat(all).doesNotContain("<the").doesNotContain("ep_…   #").doesNotContain("acme")
        .contains("tenants admin-token default");
    for (String line : all.split("\n")) {
      if (!line.strip().startsWith("#")) {
        assertThat(line).as("an id in a command must be captured, not pasted: " + line)
            .doesNotContainPattern("(ep|evt|msg|tok)_…");
      }
    }
  }
}
