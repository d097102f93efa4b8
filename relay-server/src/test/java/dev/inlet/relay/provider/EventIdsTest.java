package dev.inlet.relay.provider;

import dev.inlet.relay.verify.HeaderLookup;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  private static final EventBody NO_BODY = EventBody.of(new byte[0]);

  private static EventBody json(String text) {
    return EventBody.of(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<String> byHeaders(String scheme, Map<String, String> headers) {
    return Providers.require(scheme).eventId(HeaderLookup.of(headers), NO_BODY);
  }

  private static Optional<String> byBody(String scheme, String body) {
    return Providers.require(scheme).eventId(HeaderLookup.of(Map.of()), json(body));
  }

  @Test
  void headerIdsAreFound() {
    assertThat(byHeaders("github", Map.of("x-github-delivery", "72d3162e-cc78")))
        .contains("72d3162e-cc78");
    assertThat(byHeaders("standard-webhooks", Map.of("webhook-id", "msg_1")))
        .contains("msg_1");
    assertThat(byHeaders("standard-webhooks", Map.of("svix-id", "msg_2"))).contains("msg_2");
    assertThat(byHeaders("shopify", Map.of("X-Shopify-Webhook-Id", "b54557e4")))
        .contains("b54557e4");
    assertThat(byHeaders("shopify", Map.of("X-Shopify-Event-Id", "98880550")))
        .contains("98880550");
    assertThat(
            byHeaders(
                "gitlab",
                Map.of("Idempotency-Key", "idem-1", "X-Gitlab-Event-UUID", "uuid-1")))
        .contains("idem-1");
    assertThat(byHeaders("gitlab", Map.of("X-Gitlab-Event-UUID", "uuid-1")))
        .contains("uuid-1");
    assertThat(byHeaders("twilio", Map.of("I-Twilio-Idempotency-Token", "tok-1")))
        .contains("tok-1");
  }

  @Test
  void bodyIdsAreFound() {
    assertThat(
            byBody("stripe", "{\"id\":\"evt_1NG8Du2eZvKYlo2CUI79vXWy\",\"object\":\"event\"}"))
        .contains("evt_1NG8Du2eZvKYlo2CUI79vXWy");
    assertThat(byBody("slack", "{\"type\":\"event_callback\",\"event_id\":\"Ev0PV52K21\"}"))
        .contains("Ev0PV52K21");
    assertThat(byBody("square", "{\"merchant_id\":\"M\",\"event_id\":\"6a8f5f28\"}"))
        .contains("6a8f5f28");
    assertThat(byBody("paddle", "{\"event_id\":\"evt_01h\",\"event_type\":\"x\"}"))
        .contains("evt_01h");
  }

  @Test
  void schemesWithoutAnIdGiveEmpty() {
    assertThat(byBody("linear", "{\"webhookId\":\"w\"}")).isEmpty();
    assertThat(byBody("hmac", "{\"id\":\"x\"}")).isEmpty();
    assertThat(byBody("none", "{\"id\":\"x\"}")).isEmpty();
    assertThat(byHeaders("github", Map.of())).isEmpty();
    assertThat(byHeaders("github", Map.of("X-GitHub-Delivery", "  "))).isEmpty();
  }

  @Test
  void malformedOrForeignBodiesGiveEmptyWithoutThrowing() {
    assertThat(byBody("stripe", "{\"id\": ")).isEmpty();
    assertThat(byBody("stripe", "id=evt_1&object=event")).isEmpty();
    assertThat(byBody("stripe", "\"evt_1\"")).isEmpty();
    assertThat(byBody("stripe", "{\"id\":{\"nested\":true}}")).isEmpty();
    assertThat(byBody("stripe", "[".repeat(5000))).isEmpty();
    assertThat(Providers.require("slack").eventId(HeaderLookup.of(Map.of()), NO_BODY)).isEmpty();
    assertThat(
            Providers.require("slack").eventId(HeaderLookup.of(Map.of()), EventBody.of(new byte[] {(byte) 0xff, 0x00})))
        .isEmpty();
  }

  @Test
  void configuredOverridesReadAHeaderOrAJsonPointer() {
    assertThat(EventFields.byHeader(HeaderLookup.of(Map.of("X-Event-Id", " e-1 ")), "x-event-id"))
        .contains("e-1");
    assertThat(EventFields.byJsonPointer(json("{\"data\":{\"id\":\"d-1\"}}"), "/data/id"))
        .contains("d-1");
    assertThat(EventFields.byJsonPointer(json("{\"seq\":12345}"), "/seq")).contains("12345");
    assertThat(EventFields.byJsonPointer(json("[{\"sg_event_id\":\"s-1\"}]"), "/0/sg_event_id"))
        .contains("s-1");
    assertThat(EventFields.byJsonPointer(json("{\"data\":{}}"), "/data/id")).isEmpty();
    assertThat(EventFields.byJsonPointer(json("{\"id\":\"x\"}"), "no-leading-slash")).isEmpty();
  }
}
