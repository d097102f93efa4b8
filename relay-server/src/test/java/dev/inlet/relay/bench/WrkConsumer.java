package dev.inlet.relay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code next} + single ack driven by {@code wrk}, so that the load generator does not take half of
 * the relay's two cores. A Lua script answers every {@code next} that delivered a message with a
 * POST to the {@code ack} link of that response; a connection with no ack to send asks for the next
 * message. What was drained is counted by the database: the queue's messages before and after.
 */
final class WrkConsumer {
  private static final Pattern DURATION = Pattern.compile("requests in ([0-9.]+)(ms|s|m)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

  private WrkConsumer() {}

  /** A warm-up run (not counted), then the measured one. */
  static DrainResult nextAndAck(String name, int port, String token, int connections, Backlog backlog,
      Duration warmUp, Duration measured) throws IOException, InterruptedException, SQLException {
    Path script = Files.createTempFile("inlet-bench-consume", ".lua");
    try {
      Files.writeString(script, script(token), StandardCharsets.UTF_8);
      String url = "http://127.0.0.1:" + port;
      run(script, url, connections, warmUp);
      long before = backlog.remaining();
      String output = run(script, url, connections, measured);
      long after = backlog.remaining();
      return new DrainResult(name, before - after, seconds(output), count(NON_2XX, output), after == 0);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static String run(Path script, String url, int connections, Duration duration)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of("wrk", "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s",
        "-s", script.toString(), url)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("wrk did not finish");
    }
    return output;
  }

  /**
   * Leases waiting for their ack go in a FIFO, not one slot: between a connection's response and
   * its next request wrk may handle other connections' responses.
   */
  private static String script(String token) {
    return "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n"
        + "local acks, first, last = {}, 1, 0\n"
        + "function request()\n"
        + "  if first <= last then\n"
        + "    local path = acks[first]\n"
        + "    acks[first] = nil\n"
        + "    first = first + 1\n"
        + "    return wrk.format(\"POST\", path)\n"
        + "  end\n"
        + "  return wrk.format(\"GET\", \"/v1/queues/bench/next\")\n"
        + "end\n"
        + "function response(status, headers, body)\n"
        + "  if status == 200 then\n"
        + "    local ack = string.match(headers[\"Link\"] or \"\", \"<[^>]-(/v1/[^>]-/ack%?lease=[^>]-)>\")\n"
        + "    if ack then\n"
        + "      last = last + 1\n"
        + "      acks[last] = ack\n"
        + "    end\n"
        + "  end\n"
        + "end\n";
  }

  private static double seconds(String output) {
    Matcher matcher = DURATION.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("wrk printed no duration:\n" + output);
    }
    double value = Double.parseDouble(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> value / 1000;
      case "m" -> value * 60;
      default -> value;
    };
  }

  private static long count(Pattern pattern, String output) {
    Matcher matcher = pattern.matcher(output);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }
}
