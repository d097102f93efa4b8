package dev.inlet.relay.id;

import java.util.UUID;

/** A message id with the lease token a consumer presents for it (batch ack, stream release). */
public record LeaseRef(long id, UUID lease) {}
