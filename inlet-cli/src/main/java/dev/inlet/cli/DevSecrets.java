package dev.inlet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets {@code inlet listen} makes for a dev endpoint, kept beside the profile
 * ({@code ~/.config/inlet/dev/<name>.*}, mode 600) so that the next run and {@code inlet trigger} find them:
 * {@code <name>.inbound} signs what is posted to the relay (when no provider secret was given),
 * {@code <name>.local} is the {@code whsec_…} that {@code --resign} signs deliveries with.
 */
final class DevSecrets {
  private final Path dir;

  DevSecrets(Path dir) {
    this.dir = dir;
  }

  static DevSecrets beside(Path profile) {
    return new DevSecrets(profile.toAbsolutePath().getParent().resolve("dev"));
  }

  Path file(String name, String kind) {
    return dir.resolve(name + "." + kind);
  }

  Optional<String> read(String name, String kind) {
    Path file = file(name, kind);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(TokenFile.read(file));
  }

  /** The secret in {@code name.kind}, made (and kept, mode 600) when there is none yet. */
  String readOrCreate(String name, String kind) throws IOException {
    Optional<String> existing = read(name, kind);
    if (existing.isPresent()) {
      return existing.get();
    }
    String secret = Signer.newSecret();
    write(name, kind, secret);
    return secret;
  }

  void write(String name, String kind, String secret) throws IOException {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.exists(dir)) {
      Files.createDirectories(dir);
      if (posix) {
        Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
      }
    }
    Path temp = Files.createTempFile(dir, "." + name, ".tmp");
    if (posix) {
      Files.setPosixFilePermissions(temp, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
    Files.writeString(temp, secret + "\n");
    Files.move(temp, file(name, kind), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
