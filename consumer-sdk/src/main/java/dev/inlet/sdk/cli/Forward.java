package dev.inlet.sdk.cli;

import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.Message;
import dev.inlet.sdk.MessageHandler;
import dev.inlet.sdk.Worker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code inlet forward}: streams a queue and POSTs each payload, with its original headers and
 * body, to a local URL; acks on 2xx, nacks otherwise (the relay retries with backoff). For apps
 * behind NAT and for local development. Prints one line per delivery: time, message id, status
 * (or {@code ERR}), milliseconds.
 */
public final class Forward {
  public static final int DEFAULT_CONCURRENCY = 1;
  public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofSeconds(30);

  static final String USAGE = String.join("\n",
      "usage: inlet forward --url <relay URL> --token <JWT> --queue <name> --to <target URL>",
      "                     [--concurrency <n>] [--timeout <seconds>]",
      "  --url          the relay, such as https://relay.example.com (or INLET_URL)",
      "  --token        a token with scope consume:<queue> (or INLET_TOKEN)",
      "  --queue        the queue to stream",
      "  --to           where to POST each payload, such as http://localhost:3000/hooks",
      "  --concurrency  deliveries at once (default 1: in order)",
      "  --timeout      seconds to wait for the target (default 30)");

  /** Hop-by-hop headers, and those java.net.http sets itself or refuses. */
  private static final Set<String> DROPPED = Set.of("host", "content-length", "connection", "transfer-encoding",
      "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade",
      "expect", "date", "from", "via", "warning", "http2-settings");

  /** Parsed command line. */
  public record Options(URI url, String token, String queue, URI to, int concurrency, Duration timeout) {
    public Options {
      Objects.requireNonNull(url, "--url");
      Objects.requireNonNull(token, "--token");
      Objects.requireNonNull(queue, "--queue");
      Objects.requireNonNull(to, "--to");
    }

    /** Reads {@code args} ({@code --name value} pairs, an optional leading {@code forward}). */
    public static Options parse(List<String> args, Map<String, String> env) {
      List<String> rest = new ArrayList<>(args);
      if (!rest.isEmpty() && rest.get(0).equals("forward")) {
        rest.remove(0);
      }
      String url = env.get("INLET_URL");
      String token = env.get("INLET_TOKEN");
      String queue = null;
      String to = null;
      int concurrency = DEFAULT_CONCURRENCY;
      Duration timeout = DEFAULT_TARGET_TIMEOUT;
      for (int i = 0; i < rest.size(); i += 2) {
        String name = rest.get(i);
        if (i + 1 >= rest.size()) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        String value = rest.get(i + 1);
        switch (name) {
          case "--url" -> url = value;
          case "--token" -> token = value;
          case "--queue" -> queue = value;
          case "--to" -> to = value;
          case "--concurrency" -> concurrency = Integer.parseInt(value);
          case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (url == null || token == null || queue == null || to == null) {
        throw new IllegalArgumentException("--url, --token, --queue and --to are required");
      }
      return new Options(URI.create(url), token, queue, URI.create(to), concurrency, timeout);
    }
  }

  private Forward() {}

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
        System.out.println(USAGE);
        return;
      }
      options = Options.parse(List.of(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("inlet forward: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Worker worker = start(options, System.out);
    System.err.println("forwarding queue " + options.queue() + " to " + options.to() + " (Ctrl-C stops)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  /** Starts forwarding; close the returned worker to stop (in-flight deliveries finish first). */
  public static Worker start(Options options, PrintStream out) {
    InletClient client = InletClient.builder().baseUrl(options.url()).token(options.token()).build();
    HttpClient target = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    return Worker.builder(client, options.queue())
        .mode(Worker.Mode.STREAM)
        .concurrency(options.concurrency())
        .handler(handler(target, options.to(), options.timeout(), out))
        .build()
        .start();
  }

  static MessageHandler handler(HttpClient target, URI to, Duration timeout, PrintStream out) {
    return message -> {
      long start = System.nanoTime();
      int status;
      try {
        status = target.send(request(message, to, timeout), HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        print(out, message, "ERR", start);
        throw e;
      }
      print(out, message, String.valueOf(status), start);
      if (status / 100 != 2) {
        throw new IllegalStateException(to + " answered " + status);
      }
    };
  }

  static HttpRequest request(Message message, URI to, Duration timeout) {
    // The provider's method and exact bytes: the local app's own signature check must still pass.
    HttpRequest.Builder request = HttpRequest.newBuilder(to).timeout(timeout)
        .method(message.method(), HttpRequest.BodyPublishers.ofByteArray(message.body()));
    boolean contentType = false;
    for (Map.Entry<String, List<String>> header : message.headers().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (DROPPED.contains(name) || name.startsWith(":")) {
        continue;
      }
      contentType |= name.equals("content-type");
      for (String value : header.getValue()) {
        try {
          request.header(header.getKey(), value);
        } catch (IllegalArgumentException refused) {
          // a name or value java.net.http will not send; the rest still go
        }
      }
    }
    if (!contentType && message.contentType() != null) {
      request.header("Content-Type", message.contentType());
    }
    return request.header("Inlet-Message-Id", message.id())
        .header("Inlet-Event-Id", String.valueOf(message.eventId()))
        .header("Inlet-Attempt", String.valueOf(message.attempt()))
        .build();
  }

  private static void print(PrintStream out, Message message, String status, long startNanos) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    synchronized (out) {
      out.println(Instant.now() + " " + message.id() + " " + status + " " + ms + "ms");
    }
  }
}
