package dev.inlet.cli;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

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

  /** Signs a delivery anew just before it is sent: the headers to set instead of the provider's. */
  @FunctionalInterface
  public interface Resign {
    Map<String, String> headers(Message message, URI to);
  }

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

  private Forward() {}

  /**
   * What {@code inlet forward} runs: forwards until {@code stop} completes ({@link #EXIT_STOPPED}) or the relay
   * refuses the stream for good ({@link #EXIT_TOKEN_REFUSED}, {@link #EXIT_NO_QUEUE},
   * {@link #EXIT_REFUSED}, with the reason on {@code err}); in-flight deliveries finish first.
   * Deliveries are printed on {@code out}, the relay connecting and being lost on {@code err}.
   *
   * @return the exit code
   */
  public static int run(Options options, PrintStream out, PrintStream err, CompletionStage<?> stop)
      throws InterruptedException {
    return run(options, out, err, stop, null);
  }

  /** As {@link #run(Options, PrintStream, PrintStream, CompletionStage)}, re-signing each delivery with {@code resign} (or not, when null). */
  public static int run(Options options, PrintStream out, PrintStream err, CompletionStage<?> stop, Resign resign)
      throws InterruptedException {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    RelayStatus status = new RelayStatus(options.url(), options.tokenSource(), err, exit::complete);
    err.println("forwarding queue " + options.queue() + " to " + options.to() + " (Ctrl-C stops)");
    Worker worker = start(options, out, status, resign);
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
    return start(options, out, listener, null);
  }

  /** As {@link #start(Options, PrintStream, StreamListener)}, re-signing each delivery with {@code resign} unless null. */
  public static Worker start(Options options, PrintStream out, StreamListener listener, Resign resign) {
    InletClient client = InletClient.builder().baseUrl(options.url()).token(options.token())
        .streamListener(listener).build();
    HttpClient target = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    return Worker.builder(client, options.queue())
        .mode(Worker.Mode.STREAM)
        .concurrency(options.concurrency())
        .handler(handler(target, options.to(), options.timeout(), out, resign))
        .build()
        .start();
  }

  static MessageHandler handler(HttpClient target, URI to, Duration timeout, PrintStream out, Resign resign) {
    return message -> {
      long start = System.nanoTime();
      int status;
      try {
        status = target.send(request(message, to, timeout, resign), HttpResponse.BodyHandlers.discarding()).statusCode();
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

  static HttpRequest request(Message message, URI to, Duration timeout, Resign resign) {
    // The provider's method and exact bytes: the local app's own signature check must still pass.
    HttpRequest.Builder request = HttpRequest.newBuilder(to).timeout(timeout)
        .method(message.method(), HttpRequest.BodyPublishers.ofByteArray(message.body()));
    Map<String, String> signature = resign == null ? Map.of() : resign.headers(message, to);
    Set<String> replaced = new java.util.HashSet<>();
    signature.keySet().forEach(name -> replaced.add(name.toLowerCase(Locale.ROOT)));
    boolean contentType = false;
    for (Map.Entry<String, List<String>> header : message.headers().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (DROPPED.contains(name) || name.startsWith(":") || replaced.contains(name)) {
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
    signature.forEach(request::header);
    return request.header("Inlet-Message-Id", message.id())
        .header("Inlet-Event-Id", String.valueOf(message.eventId()))
        .header("Inlet-Attempt", String.valueOf(message.attempt()))
        .build();
  }

  private static void print(PrintStream out, Message message, String status, long startNanos) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    synchronized (out) {
      out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + message.id() + " " + status + " " + ms
          + "ms  attempt " + message.attempt() + "  " + message.eventId());
    }
  }
}
