package dev.inlet.sdk.cli;

import dev.inlet.sdk.InletClient;
import dev.inlet.sdk.Message;
import dev.inlet.sdk.MessageHandler;
import dev.inlet.sdk.StreamListener;
import dev.inlet.sdk.Worker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code inlet forward}: streams a queue and POSTs each payload, with its original headers and
 * body, to a local URL; acks on 2xx, nacks otherwise (the relay retries with backoff). For apps
 * behind NAT and for local development. Prints one line per delivery on stdout: time, message id,
 * status (or {@code ERR}), milliseconds; and on stderr a line when the relay is reached and when it
 * is lost. Gives up when the relay refuses the stream for good, with an exit code that says why.
 */
public final class Forward {
  public static final int DEFAULT_CONCURRENCY = 1;
  public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofSeconds(30);

  /** Stopped (Ctrl-C, SIGTERM). */
  public static final int EXIT_STOPPED = 0;
  /** The relay refused the stream for another reason (a 4xx other than the ones below). */
  public static final int EXIT_REFUSED = 1;
  /** A bad command line or token file. */
  public static final int EXIT_USAGE = 2;
  /** The relay refused the token (401, 403). */
  public static final int EXIT_TOKEN_REFUSED = 3;
  /** The relay has no such queue (404). */
  public static final int EXIT_NO_QUEUE = 4;

  static final String USAGE = String.join("\n",
      "usage: INLET_TOKEN=<JWT> inlet forward --url <relay URL> --queue <name> --to <target URL>",
      "                     [--token-file <path>] [--concurrency <n>] [--timeout <seconds>]",
      "  --url          the relay, such as https://relay.example.com (or INLET_URL)",
      "  --queue        the queue to stream",
      "  --to           where to POST each payload, such as http://localhost:3000/hooks",
      "  --token-file   a file holding the token, readable by its owner only (default: INLET_TOKEN)",
      "  --token        the token itself: discouraged, anyone who can run ps sees it",
      "                 (the token needs scope consume:<queue>, or admin)",
      "  --concurrency  deliveries at once (default 1: in order)",
      "  --timeout      seconds to wait for the target (default 30)",
      "exit status: 0 stopped, 2 bad usage or token file, 3 token refused (401/403),",
      "             4 no such queue (404), 1 stream refused otherwise");

  /** Hop-by-hop headers, and those java.net.http sets itself or refuses. */
  private static final Set<String> DROPPED = Set.of("host", "content-length", "connection", "transfer-encoding",
      "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade",
      "expect", "date", "from", "via", "warning", "http2-settings");

  /**
   * Parsed command line.
   *
   * @param tokenSource where the token came from, for messages: {@code INLET_TOKEN},
   *     {@code --token-file <path>} or {@code --token}
   */
  public record Options(URI url, String token, String queue, URI to, int concurrency, Duration timeout,
      String tokenSource) {
    public Options {
      Objects.requireNonNull(url, "--url");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(queue, "--queue");
      Objects.requireNonNull(to, "--to");
      Objects.requireNonNull(tokenSource, "tokenSource");
    }

    /** Options for a token handed over in code. */
    public Options(URI url, String token, String queue, URI to, int concurrency, Duration timeout) {
      this(url, token, queue, to, concurrency, timeout, "the token");
    }

    /**
     * Reads {@code args} ({@code --name value} pairs, an optional leading {@code forward}). The token
     * comes from {@code --token-file}, else {@code --token}, else {@code INLET_TOKEN}.
     */
    public static Options parse(List<String> args, Map<String, String> env) {
      List<String> rest = new ArrayList<>(args);
      if (!rest.isEmpty() && rest.get(0).equals("forward")) {
        rest.remove(0);
      }
      String url = env.get("INLET_URL");
      String tokenArg = null;
      String tokenFile = null;
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
          case "--token" -> tokenArg = value;
          case "--token-file" -> tokenFile = value;
          case "--queue" -> queue = value;
          case "--to" -> to = value;
          case "--concurrency" -> concurrency = Integer.parseInt(value);
          case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (tokenArg != null && tokenFile != null) {
        throw new IllegalArgumentException("give --token-file or --token, not both");
      }
      String token = env.get("INLET_TOKEN");
      String tokenSource = "INLET_TOKEN";
      if (tokenFile != null) {
        token = TokenFile.read(Path.of(tokenFile));
        tokenSource = "--token-file " + tokenFile;
      } else if (tokenArg != null) {
        token = tokenArg;
        tokenSource = "--token";
      }
      List<String> missing = new ArrayList<>();
      if (url == null) {
        missing.add("--url (or INLET_URL)");
      }
      if (token == null || token.isBlank()) {
        missing.add("a token (INLET_TOKEN or --token-file)");
      }
      if (queue == null) {
        missing.add("--queue");
      }
      if (to == null) {
        missing.add("--to");
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("missing " + String.join(", ", missing));
      }
      return new Options(URI.create(url), token, queue, URI.create(to), concurrency, timeout, tokenSource);
    }

    /** Never the token: these options may end up in a log. */
    @Override
    public String toString() {
      return "Options[url=" + url + ", token=(from " + tokenSource + "), queue=" + queue + ", to=" + to
          + ", concurrency=" + concurrency + ", timeout=" + timeout + "]";
    }
  }

  /** Held, so that its level holds (java.util.logging keeps loggers weakly). */
  private static Logger streamLog;

  private Forward() {}

  public static void main(String[] args) throws InterruptedException {
    // The SDK logs through System.Logger, by default java.util.logging: one line per record, and
    // nothing from the stream, which RelayStatus reports instead (its INFO would come per retry).
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "inlet forward: %4$s %5$s%6$s%n");
    }
    streamLog = Logger.getLogger("dev.inlet.sdk.StreamSubscription");
    streamLog.setLevel(Level.OFF);
    if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(List.of(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("inlet forward: " + e.getMessage() + " (--help lists the options)");
      System.exit(EXIT_USAGE);
      return;
    }
    if (options.tokenSource().equals("--token")) {
      System.err.println("inlet forward: --token shows the token to anyone who can run ps; "
          + "prefer INLET_TOKEN or --token-file");
    }
    CompletableFuture<Void> stop = new CompletableFuture<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.complete(null);
      try {
        stopped.await(); // in-flight deliveries finish first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    int code = run(options, System.out, System.err, stop);
    stopped.countDown();
    if (code != EXIT_STOPPED) {
      System.exit(code);
    }
  }

  /**
   * What {@code main} runs: forwards until {@code stop} completes ({@link #EXIT_STOPPED}) or the relay
   * refuses the stream for good ({@link #EXIT_TOKEN_REFUSED}, {@link #EXIT_NO_QUEUE},
   * {@link #EXIT_REFUSED}, with the reason on {@code err}); in-flight deliveries finish first.
   * Deliveries are printed on {@code out}, the relay connecting and being lost on {@code err}.
   *
   * @return the exit code
   */
  public static int run(Options options, PrintStream out, PrintStream err, CompletionStage<?> stop)
      throws InterruptedException {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    RelayStatus status = new RelayStatus(options.url(), options.tokenSource(), err, exit::complete);
    err.println("forwarding queue " + options.queue() + " to " + options.to() + " (Ctrl-C stops)");
    Worker worker = start(options, out, status);
    try {
      stop.whenComplete((done, failed) -> exit.complete(EXIT_STOPPED));
      return exit.get();
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    } finally {
      worker.close();
    }
  }

  /** Starts forwarding; close the returned worker to stop (in-flight deliveries finish first). */
  public static Worker start(Options options, PrintStream out) {
    return start(options, out, StreamListener.NONE);
  }

  /** As {@link #start(Options, PrintStream)}, with {@code listener} told of the stream's connection. */
  public static Worker start(Options options, PrintStream out, StreamListener listener) {
    InletClient client = InletClient.builder().baseUrl(options.url()).token(options.token())
        .streamListener(listener).build();
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
