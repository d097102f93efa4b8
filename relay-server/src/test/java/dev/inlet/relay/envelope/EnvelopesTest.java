package dev.inlet.relay.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.queue.Delivery;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

  @Test
  void aJsonBodyIsEmbeddedAsJsonOnOneLine() {
    Buffer envelope = Envelopes.envelope(delivery("application/json", "{\n  \"a\": \"x\\ny\",\r\n  \"b\": [1, 2]\n}"),
        new Envelopes.Audience("q", "http://relay", false, false));
    assertThat(envelope.toString()).doesNotContain("\n").doesNotContain("\r");
    JsonObject json = new JsonObject(envelope);
    assertThat(json.getString("bodyEncoding")).isEqualTo("json");
    assertThat(json.getJsonObject("body").getString("a")).isEqualTo("x\ny");
    assertThat(json.getJsonObject("body").getJsonArray("b").size()).isEqualTo(2);
    assertThat(json.getJsonObject("headers").getJsonArray("x-id").getString(0)).isEqualTo("1");
    assertThat(json.getJsonObject("meta").getString("ackUrl")).startsWith("http://relay/v1/messages/msg_");
  }

  @Test
  void base64IsTheExactBytesWhenAsked() {
    String pretty = "{\n  \"a\": 1\n}\n";
    JsonObject json = new JsonObject(Envelopes.envelope(delivery("application/json", pretty),
        new Envelopes.Audience("q", "u", true, false)));
    assertThat(json.getString("bodyEncoding")).isEqualTo("base64");
    assertThat(new String(Base64.getDecoder().decode(json.getString("body")))).isEqualTo(pretty);
    assertThat(json.getJsonObject("meta").getString("method")).isEqualTo("POST");
  }

  @Test
  void bodiesThatAreNotExactlyOneJsonValueGoAsBase64() {
    for (String body : new String[] {"{} {}", "{\"a\":", "not json", ""}) {
      JsonObject json = new JsonObject(Envelopes.envelope(delivery("application/json", body),
          new Envelopes.Audience("q", "http://relay", false, false)));
      assertThat(json.getString("bodyEncoding")).as(body).isEqualTo("base64");
      assertThat(new String(Base64.getDecoder().decode(json.getString("body")))).isEqualTo(body);
    }
    JsonObject form = new JsonObject(Envelopes.envelope(delivery("application/x-www-form-urlencoded", "a=1"),
        new Envelopes.Audience("q", "u", false, false)));
    assertThat(form.getString("bodyEncoding")).isEqualTo("base64");
    assertThat(form.getString("contentType")).isEqualTo("application/x-www-form-urlencoded");
  }

  private static Delivery delivery(String contentType, String body) {
    OffsetDateTime now = OffsetDateTime.now();
    return new Delivery(new MessageId(42), 1, "evt_x", "ep_x", "shop", "POST", 1, UUID.randomUUID(), now, now, now,
        "{\"x-id\": [\"1\"]}", contentType, Buffer.buffer(body), false, null, null);
  }
}
