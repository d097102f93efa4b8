package dev.inlet.relay.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** A file in the data directory that only its owner may read, written whole or not at all. */
final class OwnerOnlyFile {
  private OwnerOnlyFile() {}

  static void write(Path dataDir, String name, String content) throws IOException {
    Files.createDirectories(dataDir);
    Path temp = Files.createTempFile(dataDir, name, ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own permissions have to do.
    }
    Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
    Files.move(temp, dataDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
