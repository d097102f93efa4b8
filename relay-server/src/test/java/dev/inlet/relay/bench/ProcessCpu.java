package dev.inlet.relay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of processes from {@code /proc} (Linux), in seconds: a relay's JVM, and a PostgreSQL
 * server with its backends (the live ones, plus what the postmaster reaped from those that ended:
 * autovacuum workers come and go).
 */
final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ; 100 on every Linux we run on

  private ProcessCpu() {}

  static boolean available() {
    return Files.isReadable(Path.of("/proc/self/stat"));
  }

  /** utime + stime of {@code pid}. */
  static double seconds(long pid) {
    long[] fields = stat(pid);
    return fields == null ? 0 : (fields[13] + fields[14]) / TICKS_PER_SECOND;
  }

  /** The postmaster's own and reaped children's time, and every live child's. */
  static double postgresSeconds(long postmasterPid) {
    long[] postmaster = stat(postmasterPid);
    if (postmaster == null) {
      return 0;
    }
    double total = (postmaster[13] + postmaster[14] + postmaster[15] + postmaster[16]) / TICKS_PER_SECOND;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path dir : (Iterable<Path>) processes::iterator) {
        String name = dir.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long[] fields = stat(Long.parseLong(name));
        if (fields != null && fields[3] == postmasterPid) {
          total += (fields[13] + fields[14]) / TICKS_PER_SECOND;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return total;
  }

  /** The numeric fields of /proc/pid/stat, indexed as in proc(5) less one (the name skipped); null if gone. */
  private static long[] stat(long pid) {
    try {
      String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] rest = text.substring(text.lastIndexOf(')') + 2).split(" ");
      long[] fields = new long[rest.length + 2];
      fields[0] = pid;
      for (int i = 0; i < rest.length; i++) {
        // rest[0] is the state (field 3); numbers from field 4 (ppid) on.
        fields[i + 2] = i == 0 ? 0 : parse(rest[i]);
      }
      return fields;
    } catch (IOException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }

  private static long parse(String number) {
    try {
      return Long.parseLong(number);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
