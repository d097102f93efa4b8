package dev.inlet.relay.queue;

import dev.inlet.relay.id.TokenId;

/** Who takes a lease and how, as its delivery attempt records it: the token's id and the verb. */
public record LeaseOrigin(String tokenId, String via) {

  public static LeaseOrigin next(TokenId token) {
    return new LeaseOrigin(token.value(), "next");
  }

  public static LeaseOrigin receive(TokenId token) {
    return new LeaseOrigin(token.value(), "receive");
  }

  public static LeaseOrigin stream(String tokenId) {
    return new LeaseOrigin(tokenId, "stream");
  }
}
