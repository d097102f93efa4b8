package dev.inlet.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A client of one Inlet relay's consumer API: pull ({@link #next}, {@link #receive}), settle
 * ({@link #ack}, {@link #nack}, {@link #reject}, {@link #extend}) and {@link #stream}. Immutable
 * and thread-safe; share one and vary it with {@link #newBuilder()}, which keeps the
 * {@link HttpClient}.
 *
 * <p>Transport failures and timeouts are {@link IOException}s (an interrupt is an
 * {@link InterruptedIOException} with the interrupt flag kept); a non-2xx answer is an
 * {@link InletApiException} carrying the relay's {@link Problem}.
 */
public final class InletClient {
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Three of the relay's 15 s keepalives: a stream silent this long is considered dead. */
  public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(45);
  public static final Duration DEFAULT_RECONNECT_BASE_BACKOFF = Duration.ofMillis(250);
  public static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofSeconds(30);
  /** The longest long poll the relay allows. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(20);

  final URI baseUrl;
  final String token;
  final HttpClient httpClient;
  final Duration requestTimeout;
  final Duration streamIdleTimeout;
  final Duration reconnectBaseBackoff;
  final Duration reconnectMaxBackoff;
  final ObjectMapper mapper;
  final StreamListener streamListener;

  private InletClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.token = b.token;
    this.httpClient = b.httpClient != null ? b.httpClient
        : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(DEFAULT_CONNECT_TIMEOUT).build();
    this.requestTimeout = b.requestTimeout;
    this.streamIdleTimeout = b.streamIdleTimeout;
    this.reconnectBaseBackoff = b.reconnectBaseBackoff;
    this.reconnectMaxBackoff = b.reconnectMaxBackoff;
    this.mapper = b.mapper;
    this.streamListener = b.streamListener;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this client's settings and its {@link HttpClient}. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public ObjectMapper objectMapper() {
    return mapper;
  }

  /**
   * Leases the oldest visible message of {@code queue}, waiting up to {@code wait} (0–20 s) for
   * one to arrive.
   *
   * @param lease how long the lease lasts (whole seconds, rounded up); null for the queue's default
   * @return empty when nothing arrived in time
   */
  public Optional<Message> next(String queue, Duration wait, Duration lease) throws IOException {
    // base64 bodies: the provider's exact bytes, so signatures over them still verify.
    StringBuilder query = new StringBuilder("?format=envelope&bodyEncoding=base64&wait=").append(waitSeconds(wait));
    if (lease != null) {
      query.append("&lease=").append(leaseSeconds(lease));
    }
    HttpResponse<byte[]> response = send(request(queuePath(queue, "next") + query, wait).GET());
    if (response.statusCode() == 204) {
      return Optional.empty();
    }
    return Optional.of(Message.fromEnvelope(mapper.readTree(response.body()), mapper));
  }

  /**
   * Leases up to {@code max} (1–100) messages, waiting up to {@code wait} for the first.
   *
   * @param lease null for the queue's default
   * @return the messages, empty when none arrived in time
   */
  public List<Message> receive(String queue, int max, Duration wait, Duration lease) throws IOException {
    if (max < 1 || max > 100) {
      throw new IllegalArgumentException("max must be 1..100: " + max);
    }
    ObjectNode body = mapper.createObjectNode().put("max", max).put("wait", waitSeconds(wait))
        .put("bodyEncoding", "base64");
    if (lease != null) {
      body.put("lease", leaseSeconds(lease));
    }
    HttpResponse<byte[]> response = send(post(request(queuePath(queue, "receive"), wait), body));
    List<Message> messages = new ArrayList<>();
    for (JsonNode envelope : mapper.readTree(response.body())) {
      messages.add(Message.fromEnvelope(envelope, mapper));
    }
    return messages;
  }

  /** Done: the message is deleted. {@link InletApiException#isStaleLease()} if the lease was lost. */
  /**
   * Acknowledges several messages of one queue in one request (up to 1,000), the cheap way to settle
   * a {@link #receive} batch.
   *
   * @return the ids acked; the others' leases were no longer theirs (expired or already settled)
   */
  public Set<String> ack(String queue, List<Message> messages) throws IOException {
    if (messages.isEmpty()) {
      return Set.of();
    }
    if (messages.size() > 1_000) {
      throw new IllegalArgumentException("at most 1000 messages per batch ack: " + messages.size());
    }
    ObjectNode body = mapper.createObjectNode();
    var items = body.putArray("items");
    for (Message message : messages) {
      if (message.leaseToken() == null) {
        throw new IllegalArgumentException(message.id() + " was auto-acked: it has no lease to settle");
      }
      items.addObject().put("id", message.id()).put("lease", message.leaseToken());
    }
    HttpResponse<byte[]> response = send(post(request(queuePath(queue, "ack"), Duration.ZERO), body));
    Set<String> acked = new LinkedHashSet<>();
    mapper.readTree(response.body()).path("acked").forEach(id -> acked.add(id.asText()));
    return acked;
  }

  public void ack(Message message) throws IOException {
    send(settle(message, "ack").POST(HttpRequest.BodyPublishers.noBody()));
  }

  /**
   * Not now: the message becomes visible again after {@code delay}, or after the relay's
   * exponential backoff by attempt when {@code delay} is null.
   */
  public void nack(Message message, String reason, Duration delay) throws IOException {
    ObjectNode body = mapper.createObjectNode();
    if (reason != null) {
      body.put("reason", truncate(reason));
    }
    if (delay != null) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
      body.put("delaySeconds", Math.min(43_200, ceilSeconds(delay)));
    }
    send(post(settle(message, "nack"), body));
  }

  /** Never: the message goes to the dead letters now (a redrive brings it back). */
  public void reject(Message message, String reason) throws IOException {
    ObjectNode body = mapper.createObjectNode();
    if (reason != null) {
      body.put("reason", truncate(reason));
    }
    send(post(settle(message, "reject"), body));
  }

  /** Keeps the lease for {@code lease} more, counted from now; returns the new expiry. */
  public Instant extend(Message message, Duration lease) throws IOException {
    ObjectNode body = mapper.createObjectNode().put("leaseSeconds", leaseSeconds(lease));
    HttpResponse<byte[]> response = send(post(settle(message, "extend"), body));
    return Instant.parse(mapper.readTree(response.body()).path("leaseExpiresAt").asText());
  }

  /**
   * Streams {@code queue} over Server-Sent Events on a thread of its own, calling {@code handler}
   * for each message in order. At most {@code prefetch} (1–1000) messages are unsettled at once:
   * the handler (or whoever it hands the message to) must ack, nack or reject each. A handler that
   * throws has its message nacked. The stream reconnects with exponential backoff and jitter when
   * the connection drops or stays silent longer than the idle timeout; messages unsettled when a
   * connection ends go back to the queue, and those read on it but not yet handed to
   * {@code handler} are dropped (the relay delivers them again). The client's
   * {@link Builder#streamListener} hears the connection come and go.
   */
  public Subscription stream(String queue, int prefetch, MessageHandler handler) {
    return stream(queue, prefetch, null, handler);
  }

  /** As {@link #stream(String, int, MessageHandler)}, with each message leased for {@code lease}. */
  public Subscription stream(String queue, int prefetch, Duration lease, MessageHandler handler) {
    if (prefetch < 1 || prefetch > 1000) {
      throw new IllegalArgumentException("prefetch must be 1..1000: " + prefetch);
    }
    Objects.requireNonNull(handler, "handler");
    String query = "?bodyEncoding=base64&prefetch=" + prefetch + (lease == null ? "" : "&lease=" + leaseSeconds(lease));
    URI uri = uri(queuePath(queue, "stream") + query);
    return StreamSubscription.start(this, uri, queue, prefetch, handler);
  }

  /** {@code pathAndQuery} under the base URL, keeping any path prefix it has. */
  URI uri(String pathAndQuery) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
  }

  HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
  }

  /** Sends and maps a non-2xx answer to {@link InletApiException}. */
  HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
    HttpResponse<byte[]> response;
    try {
      response = httpClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted");
      interrupted.initCause(e);
      throw interrupted;
    }
    if (response.statusCode() / 100 != 2) {
      throw new InletApiException(problem(response.statusCode(), response.body()));
    }
    return response;
  }

  /** The problem in {@code body}, or one made from the status when the body is not a problem. */
  Problem problem(int status, byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      if (node != null && node.hasNonNull("type")) {
        List<Problem.FieldError> errors = new ArrayList<>();
        node.path("errors").forEach(e -> errors.add(
            new Problem.FieldError(e.path("pointer").asText(null), e.path("detail").asText(null))));
        return new Problem(node.get("type").asText(), node.path("title").asText(null),
            node.path("status").asInt(status), node.path("detail").asText(null), errors);
      }
    } catch (IOException notJson) {
      // fall through: a proxy's HTML error page, say
    }
    return new Problem("about:blank", "HTTP " + status, status, null, List.of());
  }

  private HttpRequest.Builder request(String pathAndQuery, Duration wait) {
    Duration timeout = wait == null ? requestTimeout : requestTimeout.plus(wait);
    return authorized(uri(pathAndQuery)).timeout(timeout).header("Accept", "application/json");
  }

  private HttpRequest.Builder settle(Message message, String verb) {
    Objects.requireNonNull(message, "message");
    if (message.leaseToken() == null) {
      throw new IllegalStateException(message.id() + " was auto-acked: it has no lease to settle");
    }
    return request("/v1/messages/" + message.id() + "/" + verb + "?lease=" + message.leaseToken(), null);
  }

  private HttpRequest.Builder post(HttpRequest.Builder request, JsonNode body) throws IOException {
    return request.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
  }

  private static String queuePath(String queue, String verb) {
    if (queue == null || !queue.matches("[a-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("not a queue name (a-z, 0-9, _ and -, up to 64): " + queue);
    }
    return "/v1/queues/" + queue + "/" + verb;
  }

  private static long waitSeconds(Duration wait) {
    if (wait == null) {
      return 0;
    }
    if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("wait must be 0..20 s: " + wait);
    }
    return ceilSeconds(wait);
  }

  static long leaseSeconds(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    long seconds = ceilSeconds(lease);
    if (seconds < 1 || seconds > 43_200) {
      throw new IllegalArgumentException("lease must be 1 s..12 h: " + lease);
    }
    return seconds;
  }

  private static long ceilSeconds(Duration d) {
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }

  private static String truncate(String reason) {
    return reason.length() <= 2000 ? reason : reason.substring(0, 2000);
  }

  /** Settings for an {@link InletClient}; each is checked when set. */
  public static final class Builder {
    private URI baseUrl;
    private String token;
    private HttpClient httpClient;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration streamIdleTimeout = DEFAULT_STREAM_IDLE_TIMEOUT;
    private Duration reconnectBaseBackoff = DEFAULT_RECONNECT_BASE_BACKOFF;
    private Duration reconnectMaxBackoff = DEFAULT_RECONNECT_MAX_BACKOFF;
    private ObjectMapper mapper = new ObjectMapper();
    private StreamListener streamListener = StreamListener.NONE;

    private Builder() {}

    private Builder(InletClient c) {
      this.baseUrl = c.baseUrl;
      this.token = c.token;
      this.httpClient = c.httpClient;
      this.requestTimeout = c.requestTimeout;
      this.streamIdleTimeout = c.streamIdleTimeout;
      this.reconnectBaseBackoff = c.reconnectBaseBackoff;
      this.reconnectMaxBackoff = c.reconnectMaxBackoff;
      this.mapper = c.mapper;
      this.streamListener = c.streamListener;
    }

    /** The relay's root, such as {@code https://relay.example.com}. Required. */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      if (!baseUrl.isAbsolute() || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder baseUrl(String baseUrl) {
      return baseUrl(URI.create(baseUrl));
    }

    /** A bearer JWT with scope {@code consume:<queue>} (or {@code admin}). Required. */
    public Builder token(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      this.token = token;
      return this;
    }

    /** The HTTP client to share; default an HTTP/1.1 client with a 10 s connect timeout. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Per request, on top of any long-poll wait. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** A stream that sends nothing (not even a keepalive) for this long is reconnected. */
    public Builder streamIdleTimeout(Duration streamIdleTimeout) {
      this.streamIdleTimeout = positive(streamIdleTimeout, "streamIdleTimeout");
      return this;
    }

    /** Stream reconnects wait uniformly in [0, min(max, base × 2^(n-1))] after the n-th failure. */
    public Builder reconnectBackoff(Duration base, Duration max) {
      this.reconnectBaseBackoff = positive(base, "base");
      this.reconnectMaxBackoff = positive(max, "max");
      if (max.compareTo(base) < 0) {
        throw new IllegalArgumentException("max backoff must be >= base: " + max + " < " + base);
      }
      return this;
    }

    /** Binds {@link Message#as} and writes request bodies. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /** Told when each stream connects, loses the relay, or is refused for good; default none. */
    public Builder streamListener(StreamListener listener) {
      this.streamListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public InletClient build() {
      if (baseUrl == null || token == null) {
        throw new IllegalStateException("baseUrl and token are required");
      }
      return new InletClient(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
