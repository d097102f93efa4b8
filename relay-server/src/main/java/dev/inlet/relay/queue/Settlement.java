package dev.inlet.relay.queue;

/** How a settle verb (ack, nack, reject, extend) ended for one message. */
public enum Settlement {
  /** Done. */
  SETTLED,
  /** The lease token is not the message's current one: it expired and was leased again, or was settled. */
  STALE_LEASE,
  /** No such message in a queue this token may consume. */
  NOT_FOUND
}
