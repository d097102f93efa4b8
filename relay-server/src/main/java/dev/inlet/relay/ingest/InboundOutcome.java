package dev.inlet.relay.ingest;

import dev.inlet.relay.handshake.HandshakeReply;

/** How an inbound request that reached its endpoint ended, when it was not refused. */
public sealed interface InboundOutcome {

  /** A verification handshake, answered with {@code reply}; nothing stored. */
  record Handshake(HandshakeReply reply) implements InboundOutcome {}

  /** Stored (or recognised as a duplicate of a stored event) before the provider hears 2xx. */
  record Stored(IngestResult result) implements InboundOutcome {}
}
