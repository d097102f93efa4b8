package dev.inlet.relay.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stream read by a client that is not ours: {@code node} running {@code bench/node-sse-consumer.mjs}
 * with the npm package {@code eventsource} (installed once into {@code target/bench-node}), acking each
 * message with {@code fetch}. Each delivery's latency runs from its event's scheduled send time (the
 * generator's {@link #scheduled}) to the moment Node saw it, on the same monotonic clock.
 */
final class NodeSseConsumer implements AutoCloseable {
  /** Pinned: the benchmark's figures should not move with a release of the client. */
  static final String EVENTSOURCE = "eventsource@3.0.7";
  private static final Path DIR = Path.of(System.getProperty("inlet.relayLogDir", "target"), "bench-node");

  private final Process node;
  private final Thread reader;
  private final Map<String, Long> dueByEventId = new ConcurrentHashMap<>();
  private final CountDownLatch opened = new CountDownLatch(1);
  private final long startedAt;
  private final long splitAfterNanos;
  private final Latencies early = new Latencies();
  private final Latencies late = new Latencies();
  private long received;
  private long ackFailed;

  /** What Node saw: deliveries scheduled before and after {@code split} since the start, and failed acks. */
  record Seen(long received, long ackFailed, double earlyP50, double earlyP99, double lateP50, double lateP99) {}

  /** Whether node and npm are on the PATH. */
  static boolean available() {
    return runs("node", "--version") && runs("npm", "--version");
  }

  /**
   * Starts the client on {@code streamUrl}; latencies of events scheduled within {@code split} of
   * {@code startedAt} count as early, the rest as late.
   */
  NodeSseConsumer(String streamUrl, String token, long startedAt, long splitAfterNanos) throws Exception {
    this.startedAt = startedAt;
    this.splitAfterNanos = splitAfterNanos;
    Path script = install();
    node = new ProcessBuilder("node", script.toString(), streamUrl, token, Payload.EVENT_ID_HEADER.toLowerCase())
        .directory(DIR.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    reader = new Thread(() -> read(node.getInputStream()), "node-sse-reader");
    reader.setDaemon(true);
    reader.start();
    if (!opened.await(30, TimeUnit.SECONDS)) {
      close();
      throw new IllegalStateException("the Node EventSource client did not connect");
    }
  }

  /** Called by the generator before it sends an event. */
  void scheduled(String eventId, long dueNanos) {
    dueByEventId.put(eventId, dueNanos);
  }

  synchronized Seen seen() {
    return new Seen(received, ackFailed, early.percentileMillis(0.50), early.percentileMillis(0.99),
        late.percentileMillis(0.50), late.percentileMillis(0.99));
  }

  synchronized long received() {
    return received;
  }

  private void read(InputStream output) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.equals("open")) {
          opened.countDown();
        } else if (line.startsWith("ackfail")) {
          synchronized (this) {
            ackFailed++;
          }
        } else {
          int space = line.indexOf(' ');
          if (space > 0) {
            seen(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process ended.
    }
  }

  private synchronized void seen(String eventId, long at) {
    Long due = dueByEventId.remove(eventId);
    if (due == null) {
      return;
    }
    received++;
    (due - startedAt < splitAfterNanos ? early : late).record(at - due);
  }

  /** The script and its one npm package under target/bench-node, installed once. */
  private static Path install() throws IOException, InterruptedException {
    Files.createDirectories(DIR);
    Path script = DIR.resolve("node-sse-consumer.mjs");
    try (InputStream source = NodeSseConsumer.class.getResourceAsStream("/bench/node-sse-consumer.mjs")) {
      Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(DIR.resolve("node_modules").resolve("eventsource"))) {
      Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
          DIR.toString(), EVENTSOURCE).inheritIO().start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm install " + EVENTSOURCE + " failed");
      }
    }
    return script;
  }

  private static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    node.destroy();
    if (!node.waitFor(10, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
    reader.join(5_000);
  }
}
