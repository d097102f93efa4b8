package dev.inlet.relay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the figures were measured. */
record Machine(int processors, String cpuModel, String jvm, String postgres) {

  static Machine describe(String postgres) {
    String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), jvm, postgres);
  }

  private static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
