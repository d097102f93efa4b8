package dev.inlet.relay.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.verify.HeaderLookup;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where each provider's event type comes from (docs/providers.md, "event type"). */
class EventTypesTest {

  private static Optional<String> type(String scheme, Map<String, String> headers, String body) {
    return Providers.require(scheme)
        .eventType(HeaderLookup.of(headers), EventBody.of(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bodyTypes() {
    assertThat(type("stripe", Map.of(), "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}")).contains("invoice.paid");
    assertThat(type("standard-webhooks", Map.of(), "{\"type\":\"user.created\"}")).contains("user.created");
    assertThat(type("paddle", Map.of(), "{\"event_type\":\"subscription.created\"}")).contains("subscription.created");
    assertThat(type("square", Map.of(), "{\"type\":\"payment.updated\"}")).contains("payment.updated");
    assertThat(type("zoom", Map.of(), "{\"event\":\"meeting.started\"}")).contains("meeting.started");
  }

  @Test
  void headerTypes() {
    assertThat(type("shopify", Map.of("X-Shopify-Topic", "orders/create"), "{}")).contains("orders/create");
    assertThat(type("gitlab", Map.of("X-Gitlab-Event", "Push Hook"), "{}")).contains("Push Hook");
  }

  @Test
  void combinedTypes() {
    assertThat(type("github", Map.of("X-GitHub-Event", "pull_request"), "{\"action\":\"opened\"}"))
        .contains("pull_request.opened");
    assertThat(type("github", Map.of("X-GitHub-Event", "push"), "{\"ref\":\"refs/heads/main\"}")).contains("push");
    assertThat(type("linear", Map.of(), "{\"type\":\"Issue\",\"action\":\"create\"}")).contains("Issue.create");
    assertThat(type("slack", Map.of(), "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\"}}"))
        .contains("app_mention");
    assertThat(type("slack", Map.of(), "{\"type\":\"url_verification\"}")).contains("url_verification");
  }

  @Test
  void schemesWithoutTypesAndUnreadableBodiesGiveNone() {
    assertThat(type("hmac", Map.of(), "{\"type\":\"x\"}")).isEmpty();
    assertThat(type("none", Map.of(), "{\"type\":\"x\"}")).isEmpty();
    assertThat(type("stripe", Map.of(), "not json")).isEmpty();
    assertThat(type("stripe", Map.of(), "{\"type\":{\"nested\":true}}")).isEmpty();
  }
}
