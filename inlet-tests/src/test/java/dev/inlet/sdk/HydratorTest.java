package dev.inlet.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.sdk.FakeProvider.Reply;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HydratorTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private FakeProvider provider;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @BeforeEach
  void start() throws IOException {
    provider = new FakeProvider();
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  private Hydrator.Builder hydrator() {
    return Hydrator.builder()
        .maxAttempts(4)
        .baseBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(1))
        .clock(clock)
        .sleeper(waits::add);
  }

  @Test
  void fetchesJsonAndSendsTheAuthorizationHeader() throws Exception {
    provider.enqueue(Reply.of(200, "{\"id\":\"ch_1\",\"amount\":42}"));
    var response = hydrator().authorization(() -> "Bearer sk_test").build().fetch(provider.uri("/charges/ch_1"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.fromCache()).isFalse();
    assertThat(response.json().get("amount").asInt()).isEqualTo(42);
    assertThat(response.as(Charge.class)).isEqualTo(new Charge("ch_1", 42));
    assertThat(provider.requests.get(0).headers().getFirst("Authorization")).isEqualTo("Bearer sk_test");
    assertThat(waits).isEmpty();
  }

  record Charge(String id, int amount) {}

  @Test
  void retriesServerErrorsAnd408WithJitteredExponentialBackoff() throws Exception {
    provider.enqueue(Reply.of(500, ""), Reply.of(502, ""), Reply.of(408, ""), Reply.of(200, "{}"));
    var response = hydrator().build().fetch(provider.uri("/x"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(provider.requests).hasSize(4);
    assertThat(waits).hasSize(3);
    assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    assertThat(waits.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(400));
  }

  @Test
  void backoffNeverExceedsMaxBackoff() throws Exception {
    for (int i = 0; i < 9; i++) {
      provider.enqueue(Reply.of(503, ""));
    }
    provider.enqueue(Reply.of(200, "{}"));
    hydrator().maxAttempts(10).build().fetch(provider.uri("/x"));

    assertThat(waits).hasSize(9).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastStatus() {
    provider.enqueue(Reply.of(500, "a"), Reply.of(500, "b"), Reply.of(503, "down"));
    assertThatThrownBy(() -> hydrator().maxAttempts(3).build().fetch(provider.uri("/x")))
        .isInstanceOfSatisfying(HydrationException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.bodyAsString()).isEqualTo("down");
        });
    assertThat(provider.requests).hasSize(3);
  }

  @Test
  void clientErrorsAreNotRetriedAndNeverLeakTheAuthorization() {
    provider.enqueue(Reply.of(404, "{\"error\":\"no such charge\"}"));
    assertThatThrownBy(
            () -> hydrator().authorization(() -> "Bearer sk_secret").build().fetch(provider.uri("/c?key=sk_q")))
        .isInstanceOfSatisfying(HydrationException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.bodyAsString()).contains("no such charge");
          assertThat(e.getMessage()).doesNotContain("sk_secret").doesNotContain("sk_q");
        });
    assertThat(provider.requests).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void timeoutsAreRetriedAndTheLastOneSurfacesAsIOException() throws Exception {
    provider.enqueue(Reply.of(200, "{}").delayed(1_000), Reply.of(200, "{\"ok\":true}"));
    var response = hydrator().timeout(Duration.ofMillis(200)).build().fetch(provider.uri("/slow"));
    assertThat(response.json().get("ok").asBoolean()).isTrue();
    assertThat(waits).hasSize(1);

    provider.enqueue(Reply.of(200, "{}").delayed(1_000));
    assertThatThrownBy(() -> hydrator().timeout(Duration.ofMillis(200)).maxAttempts(1).build().fetch(provider.uri("/slow")))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void tooManyRequestsWaitsForRetryAfterSecondsInsteadOfBackoff() throws Exception {
    provider.enqueue(Reply.of(429, "").header("Retry-After", "7"), Reply.of(200, "{}"));
    hydrator().build().fetch(provider.uri("/x"));
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void serviceUnavailableHonoursRetryAfterAsHttpDate() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(5), ZoneOffset.UTC));
    provider.enqueue(Reply.of(503, "").header("Retry-After", date), Reply.of(200, "{}"));
    hydrator().build().fetch(provider.uri("/x"));
    assertThat(waits).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void retryAfterIsCappedAtTenTimesMaxBackoffOrTheConfiguredMax() throws Exception {
    provider.enqueue(Reply.of(429, "").header("Retry-After", "3600"), Reply.of(200, "{}"));
    hydrator().build().fetch(provider.uri("/x"));
    provider.enqueue(Reply.of(429, "").header("Retry-After", "3600"), Reply.of(200, "{}"));
    hydrator().maxRetryAfter(Duration.ofSeconds(30)).build().fetch(provider.uri("/x"));
    assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  @Test
  void exhaustedXRateLimitMakesTheNextCallWaitUntilTheEpochReset() throws Exception {
    var hydrator = hydrator().build();
    provider.enqueue(
        Reply.of(200, "{}").header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 4)),
        Reply.of(200, "{}"));
    hydrator.fetch(provider.uri("/a"));
    assertThat(waits).isEmpty();
    hydrator.fetch(provider.uri("/b"));
    assertThat(waits).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void exhaustedRateLimitMakesTheNextCallWaitTheDeltaReset() throws Exception {
    var hydrator = hydrator().build();
    provider.enqueue(
        Reply.of(200, "{}").header("RateLimit-Remaining", "0").header("RateLimit-Reset", "3"),
        Reply.of(200, "{}").header("RateLimit-Remaining", "5").header("RateLimit-Reset", "3"),
        Reply.of(200, "{}"));
    hydrator.fetch(provider.uri("/a"));
    hydrator.fetch(provider.uri("/b"));
    hydrator.fetch(provider.uri("/c"));
    assertThat(waits).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void notModifiedIsServedFromTheCacheWithValidatorsSent() throws Exception {
    var hydrator = hydrator().build();
    provider.enqueue(
        Reply.of(200, "{\"v\":1}").header("ETag", "\"abc\"").header("Last-Modified", "Wed, 21 Oct 2025 07:28:00 GMT"),
        Reply.of(304, ""));
    var first = hydrator.fetch(provider.uri("/obj"));
    var second = hydrator.fetch(provider.uri("/obj"));

    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isTrue();
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("v").asInt()).isEqualTo(1);
    var revalidation = provider.requests.get(1).headers();
    assertThat(revalidation.getFirst("If-None-Match")).isEqualTo("\"abc\"");
    assertThat(revalidation.getFirst("If-Modified-Since")).isEqualTo("Wed, 21 Oct 2025 07:28:00 GMT");
    assertThat(provider.requests.get(0).headers().containsKey("If-None-Match")).isFalse();
  }

  @Test
  void cacheIsBoundedLeastRecentlyUsedFirst() throws Exception {
    var hydrator = hydrator().cacheSize(2).build();
    for (String p : List.of("/1", "/2", "/1", "/3")) {
      provider.enqueue(Reply.of(200, "{}").header("ETag", "\"" + p + "\""));
      hydrator.fetch(provider.uri(p));
    }
    // "/2" was least recently used when "/3" arrived, so it is revalidated without a validator.
    provider.enqueue(Reply.of(200, "{}"), Reply.of(304, ""));
    hydrator.fetch(provider.uri("/2"));
    assertThat(hydrator.fetch(provider.uri("/1")).fromCache()).isTrue();
    assertThat(provider.requests.get(4).headers().containsKey("If-None-Match")).isFalse();
    assertThat(provider.requests.get(5).headers().getFirst("If-None-Match")).isEqualTo("\"/1\"");
  }

  @Test
  void realSleeperReallyWaitsForRetryAfter() throws Exception {
    provider.enqueue(Reply.of(429, "").header("Retry-After", "1"), Reply.of(200, "{}"));
    long start = System.nanoTime();
    Hydrator.builder().build().fetch(provider.uri("/x"));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMillis).isBetween(950L, 3_000L);
  }

  @Test
  void builderRejectsBadInputAtOnce() {
    assertThatThrownBy(() -> Hydrator.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hydrator.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hydrator.builder().baseBackoff(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hydrator.builder().cacheSize(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hydrator.builder().baseBackoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
