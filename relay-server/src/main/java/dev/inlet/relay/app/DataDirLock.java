package dev.inlet.relay.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One relay per data directory. Its embedded PostgreSQL is found through {@code postmaster.pid}
 * and a postmaster left by a killed relay is stopped at start; without this lock a second relay
 * started on the same directory (by mistake, or to run {@code --help}) would stop the first one's
 * database under it. The operating system releases the lock when the process dies, {@code kill -9}
 * included.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE = "relay.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the directory, or fails with a message naming the relay that holds it. */
  static DataDirLock acquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      lock = null;
    }
    if (lock == null) {
      String holder = Files.readString(file).trim();
      channel.close();
      throw new InUse("another relay is running on " + dataDir
          + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it, or give this one its own INLET_DATA_DIR");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
    return new DataDirLock(channel, lock);
  }

  /** The directory is another running relay's. */
  static final class InUse extends RuntimeException {
    InUse(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
