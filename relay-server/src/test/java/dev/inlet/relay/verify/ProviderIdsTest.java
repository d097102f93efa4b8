package dev.inlet.relay.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.endpoint.Scheme;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderIdsTest {

  private static final byte[] NO_BODY = new byte[0];

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Optional<String> byHeaders(Scheme scheme, Map<String, String> headers) {
    return ProviderIds.dedupeId(scheme, HeaderLookup.of(headers), NO_BODY);
  }

  private static Optional<String> byBody(Scheme scheme, String body) {
    return ProviderIds.dedupeId(scheme, HeaderLookup.of(Map.of()), json(body));
  }

  @Test
  void headerIdsAreFound() {
    assertThat(byHeaders(Scheme.GITHUB, Map.of("x-github-delivery", "72d3162e-cc78")))
        .contains("72d3162e-cc78");
    assertThat(byHeaders(Scheme.STANDARD_WEBHOOKS, Map.of("webhook-id", "msg_1")))
        .contains("msg_1");
    assertThat(byHeaders(Scheme.STANDARD_WEBHOOKS, Map.of("svix-id", "msg_2"))).contains("msg_2");
    assertThat(byHeaders(Scheme.SHOPIFY, Map.of("X-Shopify-Webhook-Id", "b54557e4")))
        .contains("b54557e4");
    assertThat(byHeaders(Scheme.SHOPIFY, Map.of("X-Shopify-Event-Id", "98880550")))
        .contains("98880550");
    assertThat(
            byHeaders(
                Scheme.GITLAB,
                Map.of("Idempotency-Key", "idem-1", "X-Gitlab-Event-UUID", "uuid-1")))
        .contains("idem-1");
    assertThat(byHeaders(Scheme.GITLAB, Map.of("X-Gitlab-Event-UUID", "uuid-1")))
        .contains("uuid-1");
    assertThat(byHeaders(Scheme.TWILIO, Map.of("I-Twilio-Idempotency-Token", "tok-1")))
        .contains("tok-1");
  }

  @Test
  void bodyIdsAreFound() {
    assertThat(
            byBody(Scheme.STRIPE, "{\"id\":\"evt_1NG8Du2eZvKYlo2CUI79vXWy\",\"object\":\"event\"}"))
        .contains("evt_1NG8Du2eZvKYlo2CUI79vXWy");
    assertThat(byBody(Scheme.SLACK, "{\"type\":\"event_callback\",\"event_id\":\"Ev0PV52K21\"}"))
        .contains("Ev0PV52K21");
    assertThat(byBody(Scheme.SQUARE, "{\"merchant_id\":\"M\",\"event_id\":\"6a8f5f28\"}"))
        .contains("6a8f5f28");
    assertThat(byBody(Scheme.PADDLE, "{\"event_id\":\"evt_01h\",\"event_type\":\"x\"}"))
        .contains("evt_01h");
  }

  @Test
  void schemesWithoutAnIdGiveEmpty() {
    assertThat(byBody(Scheme.LINEAR, "{\"webhookId\":\"w\"}")).isEmpty();
    assertThat(byBody(Scheme.HMAC, "{\"id\":\"x\"}")).isEmpty();
    assertThat(byBody(Scheme.NONE, "{\"id\":\"x\"}")).isEmpty();
    assertThat(byHeaders(Scheme.GITHUB, Map.of())).isEmpty();
    assertThat(byHeaders(Scheme.GITHUB, Map.of("X-GitHub-Delivery", "  "))).isEmpty();
  }

  @Test
  void malformedOrForeignBodiesGiveEmptyWithoutThrowing() {
    assertThat(byBody(Scheme.STRIPE, "{\"id\": ")).isEmpty();
    assertThat(byBody(Scheme.STRIPE, "id=evt_1&object=event")).isEmpty();
    assertThat(byBody(Scheme.STRIPE, "\"evt_1\"")).isEmpty();
    assertThat(byBody(Scheme.STRIPE, "{\"id\":{\"nested\":true}}")).isEmpty();
    assertThat(byBody(Scheme.STRIPE, "[".repeat(5000))).isEmpty();
    assertThat(ProviderIds.dedupeId(Scheme.SLACK, HeaderLookup.of(Map.of()), NO_BODY)).isEmpty();
    assertThat(
            ProviderIds.dedupeId(
                Scheme.SLACK, HeaderLookup.of(Map.of()), new byte[] {(byte) 0xff, 0x00}))
        .isEmpty();
  }

  @Test
  void configuredOverridesReadAHeaderOrAJsonPointer() {
    assertThat(ProviderIds.byHeader(HeaderLookup.of(Map.of("X-Event-Id", " e-1 ")), "x-event-id"))
        .contains("e-1");
    assertThat(ProviderIds.byJsonPointer(json("{\"data\":{\"id\":\"d-1\"}}"), "/data/id"))
        .contains("d-1");
    assertThat(ProviderIds.byJsonPointer(json("{\"seq\":12345}"), "/seq")).contains("12345");
    assertThat(ProviderIds.byJsonPointer(json("[{\"sg_event_id\":\"s-1\"}]"), "/0/sg_event_id"))
        .contains("s-1");
    assertThat(ProviderIds.byJsonPointer(json("{\"data\":{}}"), "/data/id")).isEmpty();
    assertThat(ProviderIds.byJsonPointer(json("{\"id\":\"x\"}"), "no-leading-slash")).isEmpty();
  }
}
