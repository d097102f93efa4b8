package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.inlet.cli.Forward;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where {@code inlet forward} takes its token from: INLET_TOKEN, a private file, or (discouraged) argv. */
class ForwardTokenTest {
  private static final List<String> REST = List.of("--url", "http://relay:8080", "--queue", "orders",
      "--to", "http://localhost:3000/hooks");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--"})
  void aTokenFileThatGroupOrOthersCanReadIsRefusedAsSshRefusesAKey(String permissions) throws Exception {
    Path file = tokenFile("jwt-from-file\n", permissions);
    assertThatThrownBy(() -> parse(args("--token-file", file.toString()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("permissions " + octal(permissions) + " for '" + file + "' are too open")
        .hasMessageContaining("chmod 600 " + file)
        .hasMessageNotContaining("jwt-from-file");
  }

  @Test
  void aTokenFileOnlyItsOwnerCanReadGivesTheTokenAndOutranksInletToken() throws Exception {
    Path file = tokenFile("  jwt-from-file\n", "rw-------");
    Forward.Options options = parse(args("--token-file", file.toString()), Map.of("INLET_TOKEN", "jwt-from-env"));
    assertThat(options.token()).isEqualTo("jwt-from-file");
    assertThat(options.tokenSource()).isEqualTo("--token-file " + file);
  }

  @Test
  void anEmptyOrMissingTokenFileIsRefused() throws Exception {
    Path empty = tokenFile("\n", "rw-------");
    assertThatThrownBy(() -> parse(args("--token-file", empty.toString()), Map.of()))
        .hasMessage("token file '" + empty + "' is empty");
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> parse(args("--token-file", missing.toString()), Map.of()))
        .hasMessageStartingWith("cannot read token file '" + missing + "': NoSuchFileException");
  }

  @Test
  void theTokenComesFromInletTokenOrElseFromTheDiscouragedFlag() {
    Forward.Options fromEnv = parse(REST, Map.of("INLET_TOKEN", "jwt-from-env"));
    assertThat(fromEnv.token()).isEqualTo("jwt-from-env");
    assertThat(fromEnv.tokenSource()).isEqualTo("INLET_TOKEN");

    Forward.Options fromArgv = parse(args("--token", "jwt-in-argv"), Map.of("INLET_TOKEN", "jwt-from-env"));
    assertThat(fromArgv.token()).isEqualTo("jwt-in-argv");
    assertThat(fromArgv.tokenSource()).isEqualTo("--token");

    assertThatThrownBy(() -> parse(args("--token", "a", "--token-file", "/x"), Map.of()))
        .hasMessage("give --token-file or --token, not both");
    assertThatThrownBy(() -> parse(List.of("forward"), Map.of()))
        .hasMessage("missing --url (or INLET_URL), a token (INLET_TOKEN or --token-file), --queue, --to");
  }

  @Test
  void theOptionsNeverPrintTheToken() {
    Forward.Options options = parse(REST, Map.of("INLET_TOKEN", "jwt-secret-value"));
    assertThat(options.toString()).doesNotContain("jwt-secret-value").contains("token=(from INLET_TOKEN)");
  }

  private Path tokenFile(String content, String permissions) throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Path file = Files.createTempFile(dir, "token", "");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private static String octal(String permissions) {
    int mode = 0;
    for (char c : permissions.toCharArray()) {
      mode = (mode << 1) | (c == '-' ? 0 : 1);
    }
    return String.format("%04o", mode);
  }

  private static List<String> args(String... more) {
    List<String> all = new ArrayList<>(List.of("forward"));
    all.addAll(REST);
    all.addAll(List.of(more));
    return all;
  }

  private static Forward.Options parse(List<String> args, Map<String, String> env) {
    return Forward.Options.parse(args, env);
  }
}
