package dev.inlet.relay.endpoint;

import java.util.Arrays;
import java.util.Optional;

/** The signature schemes an endpoint can verify, by the name used in the API. */
public enum Scheme {
  GITHUB("github"),
  STRIPE("stripe"),
  STANDARD_WEBHOOKS("standard-webhooks"),
  SHOPIFY("shopify"),
  SLACK("slack"),
  ZOOM("zoom"),
  PADDLE("paddle"),
  SQUARE("square"),
  TWILIO("twilio"),
  GITLAB("gitlab"),
  LINEAR("linear"),
  HMAC("hmac"),
  BASIC("basic"),
  BEARER("bearer"),
  NONE("none");

  private final String wireName;

  Scheme(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Scheme> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }

  /** Schemes that need at least one secret to be configured. */
  public boolean needsSecrets() {
    return this != NONE && this != BASIC;
  }
}
