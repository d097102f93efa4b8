package dev.inlet.relay.handshake;

import java.util.Optional;

/** Dropbox's check: {@code GET ?challenge=..}, echoed as plain text. */
public final class DropboxChallenge implements Handshake {

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isGet() && request.queryParam("challenge").isPresent();
  }

  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    return request.queryParam("challenge").flatMap(Reflected::echo);
  }
}
