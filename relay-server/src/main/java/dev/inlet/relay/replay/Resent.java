package dev.inlet.relay.replay;

import dev.inlet.relay.id.MessageId;

/** A message a resend made, in a queue. */
public record Resent(String queue, MessageId messageId) {}
