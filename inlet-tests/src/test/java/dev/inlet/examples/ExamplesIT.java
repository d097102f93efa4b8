package dev.inlet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.inlet.relay.testing.RelayExtension;
import dev.inlet.relay.testing.TestQueue;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/}, a project of a user's own: the SDK installed into the local repository as
 * {@code mvn install} does (with a POM that names nothing of the relay), the example built offline
 * against it by its own {@code pom.xml}, and run against a real relay and a stand-in orders API.
 */
class ExamplesIT {
  @RegisterExtension static final RelayExtension relay = RelayExtension.shared();
  static final Path ROOT = Path.of(System.getProperty("inlet.root", "..")).toAbsolutePath().normalize();

  @TempDir Path work;

  @Test
  void theExampleBuildsFromTheInstalledSdkAndConsumesARealRelay() throws Exception {
    String sdkPom = Files.readString(ROOT.resolve("consumer-sdk/pom.xml"));
    assertThat(sdkPom).doesNotContain("relay-server").doesNotContain("<scope>test</scope>");

    Path sdkJar = ROOT.resolve("consumer-sdk/target/consumer-sdk-0.1.0-SNAPSHOT.jar");
    assertThat(sdkJar).exists();
    mvn(ROOT, "-N", "install");                                   // the parent POM the SDK's names
    mvn(ROOT, "org.apache.maven.plugins:maven-install-plugin:3.2.0:install-file",
        "-Dfile=" + sdkJar, "-DpomFile=" + ROOT.resolve("consumer-sdk/pom.xml"));

    Path project = work.resolve("orders-worker");
    copy(ROOT.resolve("examples"), project);
    mvn(project, "package");
    Path jar = project.resolve("target/orders-worker.jar");
    assertThat(jar).exists();

    HttpServer ordersApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ordersApi.createContext("/orders/", exchange -> {
      String id = exchange.getRequestURI().getPath().substring("/orders/".length());
      byte[] order = ("{\"id\":\"" + id + "\",\"status\":\"paid\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, order.length);
      exchange.getResponseBody().write(order);
      exchange.close();
    });
    ordersApi.start();
    TestQueue queue = relay.newQueue(30);
    ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar.toString()).redirectErrorStream(true)
        .redirectOutput(work.resolve("worker.log").toFile());
    builder.environment().put("INLET_URL", relay.baseUrl());
    builder.environment().put("INLET_TOKEN", relay.adminToken());
    builder.environment().put("INLET_QUEUE", queue.name);
    builder.environment().put("ORDERS_API", "http://127.0.0.1:" + ordersApi.getAddress().getPort() + "/");
    Process worker = builder.start();
    try {
      String first = queue.ingestJson("{\"type\":\"order.updated\",\"data\":{\"id\":\"ord_1\"}}");
      String second = queue.ingestJson("{\"type\":\"order.updated\",\"data\":{\"id\":\"ord_2\"}}");
      queue.ingestJson("{\"type\":\"order.updated\",\"data\":{}}");   // no id: a permanent failure
      awaitLog(work.resolve("worker.log"), "order ord_1 is paid (event " + first + ", attempt 1)", worker);
      awaitLog(work.resolve("worker.log"), "order ord_2 is paid (event " + second + ", attempt 1)", worker);
      Instant deadline = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(deadline) && queue.stats().path("dead").asInt() < 1) {
        Thread.sleep(100);
      }
      assertThat(queue.stats().path("ready").asInt()).isZero();
      assertThat(queue.stats().path("leased").asInt()).isZero();
      assertThat(queue.stats().path("dead").asInt()).as("rejected, not retried").isEqualTo(1);
    } finally {
      worker.destroy();
      worker.waitFor(30, TimeUnit.SECONDS);
      ordersApi.stop(0);
    }
  }

  private static void awaitLog(Path log, String line, Process worker) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      assertThat(worker.isAlive()).as(Files.exists(log) ? Files.readString(log) : "no log").isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + line + "' in\n" + Files.readString(log));
  }

  /** Runs the machine's Maven, offline, on the same local repository as this build. */
  private static void mvn(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    String home = System.getProperty("maven.home");
    command.add(home != null && Files.exists(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString() : "mvn");
    command.addAll(List.of("-B", "-q", "-o"));
    String repo = System.getProperty("maven.repo.local");
    if (repo != null && !repo.isBlank()) {
      command.add("-Dmaven.repo.local=" + repo);
    }
    command.addAll(List.of(args));
    Process mvn = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output;
    try (InputStream in = mvn.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(mvn.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(mvn.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(file);
        if (rel.startsWith("target")) {
          continue;
        }
        Path dest = to.resolve(rel.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
