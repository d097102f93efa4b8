package dev.inlet.relay.queue;

/** How a settle verb (ack, nack, reject, extend) ended for one message. */
public enum Settlement {
  /** Done. */
  SETTLED,
  /** The lease token is not a live lease of the message: it expired (and may have gone to someone else). */
  STALE_LEASE,
  /** No such message in a queue this token may consume. */
  NOT_FOUND
}
