package dev.inlet.relay.http;

import dev.inlet.relay.queue.Delivery;
import io.vertx.core.json.JsonObject;

/** How a delivered message is shown: the {@code Inlet-Meta} header, the {@code Link} header, the envelope. */
final class DeliveryJson {
  private DeliveryJson() {}

  static JsonObject meta(Delivery delivery, String queue, String publicUrl) {
    JsonObject meta = new JsonObject()
        .put("messageId", delivery.id().toString())
        .put("eventId", delivery.eventId())
        .put("queue", queue)
        .put("endpointId", delivery.endpointId())
        .put("attempt", delivery.attempt())
        .put("receivedAt", ApiJson.time(delivery.receivedAt()));
    if (delivery.leaseToken() != null) {
      meta.put("leaseExpiresAt", ApiJson.time(delivery.leaseExpiresAt()))
          .put("ackUrl", settleUrl(delivery, publicUrl, "ack"))
          .put("nackUrl", settleUrl(delivery, publicUrl, "nack"))
          .put("rejectUrl", settleUrl(delivery, publicUrl, "reject"))
          .put("extendUrl", settleUrl(delivery, publicUrl, "extend"));
    }
    return meta;
  }

  /** RFC 8288 links to the settle verbs; none for an auto-acked delivery. */
  static String links(Delivery delivery, String publicUrl) {
    if (delivery.leaseToken() == null) {
      return null;
    }
    StringBuilder links = new StringBuilder();
    for (String verb : new String[] {"ack", "nack", "reject", "extend"}) {
      if (links.length() > 0) {
        links.append(", ");
      }
      links.append('<').append(settleUrl(delivery, publicUrl, verb)).append(">; rel=\"").append(verb).append('"');
    }
    return links.toString();
  }

  static JsonObject envelope(Delivery delivery, String queue, String publicUrl) {
    JsonObject envelope = new JsonObject()
        .put("meta", meta(delivery, queue, publicUrl))
        .put("headers", delivery.headers())
        .put("contentType", delivery.contentType());
    return Bodies.put(envelope, delivery.contentType(), delivery.body());
  }

  private static String settleUrl(Delivery delivery, String publicUrl, String verb) {
    return publicUrl + "/v1/messages/" + delivery.id() + "/" + verb + "?lease=" + delivery.leaseToken();
  }
}
