package dev.inlet.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A profile file: {@code url=…} and {@code token=…} lines ({@code ~/.config/inlet/profile}, or
 * {@code INLET_PROFILE}, or {@code --profile}). Holds a token, so like ssh with a private key a file
 * that group or others may read is refused; {@code inlet login} writes it with mode 600.
 */
record Profile(Optional<String> url, Optional<String> token, Path path) {
  static Path defaultPath(Map<String, String> env) {
    String named = env.get("INLET_PROFILE");
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    String config = env.get("XDG_CONFIG_HOME");
    String userHome = env.get("HOME");
    if (userHome == null || userHome.isBlank()) {
      userHome = System.getProperty("user.home");
    }
    Path home = config != null && !config.isBlank() ? Path.of(config) : Path.of(userHome, ".config");
    return home.resolve("inlet").resolve("profile");
  }

  /** The profile at {@code path}; empty when there is no such file. IllegalArgumentException says why not. */
  static Profile read(Path path, boolean mustExist) {
    if (!Files.exists(path)) {
      if (mustExist) {
        throw new IllegalArgumentException("no profile file at " + path);
      }
      return new Profile(Optional.empty(), Optional.empty(), path);
    }
    try {
      if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.contains(PosixFilePermission.GROUP_READ)
            || permissions.contains(PosixFilePermission.OTHERS_READ)) {
          throw new IllegalArgumentException("permissions " + TokenFile.octal(permissions) + " for profile '" + path
              + "' are too open: it holds a token and must not be readable by group or others (chmod 600 "
              + path + ")");
        }
      }
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(path)) {
        properties.load(reader);
      }
      return new Profile(value(properties, "url"), value(properties, "token"), path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read profile '" + path + "': " + e.getClass().getSimpleName());
    }
  }

  /** Writes {@code url} and {@code token} to {@code path}, created with mode 600 (its folder 700). */
  static void write(Path path, String url, String token) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.exists(dir)) {
      Files.createDirectories(dir);
      if (posix) {
        Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
      }
    }
    Path temp = Files.createTempFile(dir, ".profile", ".tmp");
    if (posix) {
      Files.setPosixFilePermissions(temp, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
    Files.writeString(temp, "# inlet CLI profile (keep it mode 600)\nurl=" + url + "\ntoken=" + token + "\n");
    Files.move(temp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static Optional<String> value(Properties properties, String name) {
    String value = properties.getProperty(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @Override
  public String toString() {
    return "Profile[" + path + "]"; // never the token
  }
}
