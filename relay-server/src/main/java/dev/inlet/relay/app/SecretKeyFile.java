package dev.inlet.relay.app;

import dev.inlet.relay.secret.SecretKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The key that seals secrets at rest: {@code INLET_SECRET_KEY} when set (required with an external
 * database), else on the embedded default one generated on first start into {@code secret.key} in
 * the data directory, readable by its owner only. Keys in {@code INLET_SECRET_KEYS_PREVIOUS} only
 * open what they sealed, until the start-up pass seals it again under the current key.
 */
final class SecretKeyFile {
  static final String FILE = "secret.key";

  private SecretKeyFile() {}

  static SecretKeys resolve(RelayConfig config) throws IOException {
    List<byte[]> previous = config.previousSecretKeys().stream().map(SecretKeys::decodeKey).toList();
    if (config.secretKey() != null) {
      return SecretKeys.of(SecretKeys.decodeKey(config.secretKey()), previous);
    }
    Path file = config.dataDir().resolve(FILE);
    if (Files.isRegularFile(file)) {
      refuseIfOthersCanRead(file);
      byte[] key = SecretKeys.decodeKey(Files.readString(file, StandardCharsets.UTF_8));
      if (key == null) {
        throw new ConfigException(List.of(file + " must hold " + SecretKeys.KEY_BYTES + " bytes in base64"));
      }
      return SecretKeys.of(key, previous);
    }
    String text = SecretKeys.newKeyText();
    OwnerOnlyFile.write(config.dataDir(), FILE, text);
    return SecretKeys.of(SecretKeys.decodeKey(text), previous);
  }

  private static void refuseIfOthersCanRead(Path file) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        throw new ConfigException(List.of(file + " is readable by others (" + PosixFilePermissions.toString(permissions)
            + "): chmod 600 it"));
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system.
    }
  }
}
