package dev.inlet.relay.event;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.store.EventStore;

/**
 * What became of an event in one queue: its message's state (ready, leased, delayed, dead), or
 * {@code gone} when the queue got it but holds no message of it any more (acked or purged; an acked
 * message is deleted, so the two cannot be told apart here). When gone, {@code messageId} is the
 * last message a consumer leased there (its attempts are kept), else null.
 */
public record EventDelivery(String queue, MessageId messageId, String state, Integer attempt, String lastError) {

  static EventDelivery from(EventStore.DeliveryRow row) {
    return new EventDelivery(row.queue(), row.messageId() == null ? null : new MessageId(row.messageId()),
        row.state(), row.attempt(), row.lastError());
  }
}
