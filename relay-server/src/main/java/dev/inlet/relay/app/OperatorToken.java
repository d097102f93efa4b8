package dev.inlet.relay.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The operator's bearer token: {@code INLET_OPERATOR_TOKEN} when set, else generated on first start
 * and kept in {@code operator-token} under the data directory (readable by its owner only).
 */
record OperatorToken(String value) {
  static final String FILE = "operator-token";

  static OperatorToken resolve(String configured, Path dataDir) throws IOException {
    if (configured != null) {
      return new OperatorToken(configured);
    }
    Path file = dataDir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      return new OperatorToken(Files.readString(file, StandardCharsets.UTF_8).trim());
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = "inlet_op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    OwnerOnlyFile.write(dataDir, FILE, token);
    return new OperatorToken(token);
  }

  @Override
  public String toString() {
    return "OperatorToken[redacted]";
  }
}
