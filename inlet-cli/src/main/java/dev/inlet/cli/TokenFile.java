package dev.inlet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * {@code --token-file}: the token from a file only its owner can read. Like ssh with a private key,
 * a file that group or others may read is refused (on file systems with POSIX permissions).
 */
final class TokenFile {
  private TokenFile() {}

  /** The token in {@code path}, surrounding whitespace removed; IllegalArgumentException says why not. */
  static String read(Path path) {
    try {
      if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.contains(PosixFilePermission.GROUP_READ)
            || permissions.contains(PosixFilePermission.OTHERS_READ)) {
          throw new IllegalArgumentException("permissions " + octal(permissions) + " for '" + path
              + "' are too open: a token file must not be readable by group or others (chmod 600 " + path + ")");
        }
      }
      String token = Files.readString(path).strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("token file '" + path + "' is empty");
      }
      if (token.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("token file '" + path + "' holds more than one token");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read token file '" + path + "': " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }

  /** Such as {@code 0644}. */
  static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 (0400) … OTHERS_EXECUTE ordinal 8 (0001)
    }
    return String.format("%04o", mode);
  }
}
