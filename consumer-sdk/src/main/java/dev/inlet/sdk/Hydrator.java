package dev.inlet.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inlet.sdk.internal.ResponseCache;
import dev.inlet.sdk.internal.Waits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Fetches the authoritative object from a provider API. Retries 5xx, 408 and transport failures
 * with exponential backoff and full jitter; honours {@code Retry-After} and rate-limit headers;
 * revalidates with {@code If-None-Match}/{@code If-Modified-Since}. Immutable and thread-safe.
 */
public final class Hydrator {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofMillis(200);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final int DEFAULT_CACHE_SIZE = 1_000;

  private final HttpClient httpClient;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Supplier<String> authorization;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ObjectMapper mapper;
  private final ResponseCache<HydratedResponse> cache;
  private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();

  private Hydrator(Builder b) {
    this.httpClient = b.httpClient != null ? b.httpClient : HttpClient.newHttpClient();
    this.timeout = b.timeout;
    this.maxAttempts = b.maxAttempts;
    this.baseBackoff = b.baseBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter != null ? b.maxRetryAfter : b.maxBackoff.multipliedBy(10);
    this.authorization = b.authorization;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.mapper = b.mapper;
    this.cache = new ResponseCache<>(b.cacheSize);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * GETs {@code uri}, retrying as configured.
   *
   * @throws HydrationException for a non-retryable status, or a retryable one on the last attempt
   * @throws IOException when the last attempt failed in transport or timed out
   */
  public HydratedResponse fetch(URI uri) throws IOException, InterruptedException {
    Objects.requireNonNull(uri, "uri");
    for (int attempt = 1; ; attempt++) {
      waitForRateLimit(uri);
      HydratedResponse cached = cache.get(uri.toString());
      HttpResponse<byte[]> response;
      try {
        response = httpClient.send(request(uri, cached), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (attempt >= maxAttempts) {
          throw e;
        }
        sleeper.sleep(Waits.backoff(attempt, baseBackoff, maxBackoff));
        continue;
      }
      noteRateLimit(uri, response.headers());
      int status = response.statusCode();
      if (status == 304 && cached != null) {
        return cached.asCached();
      }
      if (status >= 200 && status < 300) {
        return remember(uri, response);
      }
      if (!retryable(status) || attempt >= maxAttempts) {
        throw new HydrationException(uri, status, response.body());
      }
      sleeper.sleep(delayBeforeRetry(attempt, status, response.headers()));
    }
  }

  private HttpRequest request(URI uri, HydratedResponse cached) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
    if (authorization != null) {
      r.header("Authorization", authorization.get());
    }
    if (cached != null) {
      cached.headers().firstValue("ETag").ifPresent(v -> r.header("If-None-Match", v));
      cached.headers().firstValue("Last-Modified").ifPresent(v -> r.header("If-Modified-Since", v));
    }
    return r.build();
  }

  private HydratedResponse remember(URI uri, HttpResponse<byte[]> response) {
    HttpHeaders h = response.headers();
    HydratedResponse fresh =
        new HydratedResponse(uri, response.statusCode(), h, response.body(), false, mapper);
    boolean validatable = h.firstValue("ETag").isPresent() || h.firstValue("Last-Modified").isPresent();
    if (response.statusCode() == 200 && validatable) {
      cache.put(uri.toString(), fresh);
    } else {
      cache.remove(uri.toString());
    }
    return fresh;
  }

  private static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private Duration delayBeforeRetry(int attempt, int status, HttpHeaders headers) {
    if (status == 429 || status == 503) {
      var retryAfter = Waits.retryAfter(headers, clock.instant());
      if (retryAfter.isPresent()) {
        return min(retryAfter.get(), maxRetryAfter);
      }
    }
    return Waits.backoff(attempt, baseBackoff, maxBackoff);
  }

  private void noteRateLimit(URI uri, HttpHeaders headers) {
    Waits.rateLimitReset(headers, clock.instant())
        .ifPresent(reset -> blockedUntil.put(uri.getAuthority(), reset));
  }

  private void waitForRateLimit(URI uri) throws InterruptedException {
    // Kept until the reset passes, so every concurrent caller to that host waits, not just one.
    Instant until = blockedUntil.get(uri.getAuthority());
    if (until == null) {
      return;
    }
    Duration wait = Duration.between(clock.instant(), until);
    if (!wait.isNegative() && !wait.isZero()) {
      sleeper.sleep(min(wait, maxRetryAfter));
    }
    blockedUntil.remove(uri.getAuthority(), until);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Configures a {@link Hydrator}; every setter checks its input at once. */
  public static final class Builder {
    private HttpClient httpClient;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration baseBackoff = DEFAULT_BASE_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration maxRetryAfter;
    private Supplier<String> authorization;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ObjectMapper mapper = new ObjectMapper();
    private int cacheSize = DEFAULT_CACHE_SIZE;

    private Builder() {}

    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Per-attempt timeout for the whole response. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Total attempts including the first; 1 disables retries. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder baseBackoff(Duration baseBackoff) {
      this.baseBackoff = positive(baseBackoff, "baseBackoff");
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /** Longest wait honoured for {@code Retry-After} or a rate-limit reset; default maxBackoff × 10. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /** The {@code Authorization} header value, asked for on every attempt so tokens can rotate. */
    public Builder authorization(Supplier<String> headerValue) {
      this.authorization = Objects.requireNonNull(headerValue, "authorization");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "objectMapper");
      return this;
    }

    /** Entries in the conditional-request cache; 0 turns caching off. */
    public Builder cacheSize(int cacheSize) {
      if (cacheSize < 0) {
        throw new IllegalArgumentException("cacheSize must be >= 0: " + cacheSize);
      }
      this.cacheSize = cacheSize;
      return this;
    }

    public Hydrator build() {
      if (baseBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException("baseBackoff must not exceed maxBackoff");
      }
      return new Hydrator(this);
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
