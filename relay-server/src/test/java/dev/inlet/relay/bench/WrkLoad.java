package dev.inlet.relay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load from {@code wrk} (Debian's package), a C load generator that costs far less CPU
 * than a JVM client sharing the relay's two cores. Used when {@code wrk} is on the PATH; the same
 * 1 KB body and signature, a fresh {@code X-Event-Id} per request.
 */
final class WrkLoad {
  static final int CONNECTIONS = 128;
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private WrkLoad() {}

  /** {@code wrk} is on the PATH, and {@code -Dbench.wrk=false} does not ask for the JVM generator instead. */
  static boolean available() {
    if (!Boolean.parseBoolean(System.getProperty("bench.wrk", "true"))) {
      return false;
    }
    try {
      Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static PhaseResult closedLoop(String name, int port, String endpointId, Payload payload, Duration warmUp,
      Duration measured) throws IOException, InterruptedException {
    Path script = Files.createTempFile("inlet-bench", ".lua");
    try {
      Files.writeString(script, script(payload, endpointId), StandardCharsets.UTF_8);
      String url = "http://127.0.0.1:" + port;
      run(script, url, warmUp);
      return parse(name + ", wrk closed loop, " + CONNECTIONS + " connections", run(script, url, measured));
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static String run(Path script, String url, Duration duration) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + CONNECTIONS, "-d" + duration.toSeconds() + "s",
        "--latency", "-s", script.toString(), url));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("wrk did not finish");
    }
    return output;
  }

  /** A long-bracket Lua string holds the JSON body as it is. */
  private static String script(Payload payload, String endpointId) {
    String body = new String(payload.body(), StandardCharsets.UTF_8);
    return "counter = 0\n"
        + "wrk.method = \"POST\"\n"
        + "wrk.body = [==[" + body + "]==]\n"
        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
        + "wrk.headers[\"User-Agent\"] = \"" + Payload.USER_AGENT + "\"\n"
        + "wrk.headers[\"" + Payload.SIGNATURE_HEADER + "\"] = \"" + payload.signature() + "\"\n"
        + "local prefix = \"" + payload.nextEventId() + "-wrk-\"\n"
        + "request = function()\n"
        + "  counter = counter + 1\n"
        + "  wrk.headers[\"" + Payload.EVENT_ID_HEADER + "\"] = prefix .. counter\n"
        + "  return wrk.format(nil, \"/in/" + endpointId + "\")\n"
        + "end\n";
  }

  static PhaseResult parse(String name, String output) {
    double rate = number(RATE, output, 1);
    long total = (long) number(TOTAL, output, 1);
    long non2xx = (long) number(NON_2XX, output, 1);
    long socketErrors = 0;
    Matcher errors = SOCKET_ERRORS.matcher(output);
    if (errors.find()) {
      for (int i = 1; i <= 4; i++) {
        socketErrors += Long.parseLong(errors.group(i));
      }
    }
    double accepted = total == 0 ? 0 : rate * (total - non2xx) / total;
    return new PhaseResult(name, accepted, non2xx + socketErrors, latency(output, "50%"), latency(output, "99%"));
  }

  private static double number(Pattern pattern, String output, int group) {
    Matcher matcher = pattern.matcher(output);
    return matcher.find() ? Double.parseDouble(matcher.group(group)) : 0;
  }

  /** A line of wrk's latency distribution, in milliseconds ({@code 9.90ms}, {@code 812.00us}, {@code 1.20s}). */
  private static double latency(String output, String percentile) {
    Matcher matcher = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
    if (!matcher.find()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(matcher.group(1));
    switch (matcher.group(2)) {
      case "us":
        return value / 1000;
      case "s":
        return value * 1000;
      default:
        return value;
    }
  }
}
