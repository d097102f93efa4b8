package dev.inlet.relay.handshake;

import java.util.Optional;

/** Microsoft Graph's subscription validation: {@code POST ?validationToken=..}, echoed as text. */
public final class GraphValidation implements Handshake {

  @Override
  public boolean mayApply(HandshakeRequest request) {
    return request.isPost() && request.queryParam("validationToken").isPresent();
  }

  @Override
  public Optional<HandshakeReply> answer(HandshakeRequest request) {
    return Reflected.echo(request.queryParam("validationToken").orElse(null));
  }
}
