package dev.inlet.relay.queue;

import dev.inlet.relay.id.LeaseRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds one delivery (a {@code receive} answer, a stream's unsettled messages) by bytes as well as
 * count: providers send bodies of up to 25 MiB, and 100 of them are no answer to send at once.
 */
public final class DeliveryBytes {
  private DeliveryBytes() {}

  /** What a leased batch keeps (at least its first message) and what goes back. */
  public record Split(List<Delivery> kept, List<LeaseRef> returned) {}

  /** The longest prefix of {@code leased} within {@code maxBytes} (never empty when leased is not). */
  public static Split within(List<Delivery> leased, long maxBytes) {
    return within(leased, maxBytes, true);
  }

  /**
   * The longest prefix of {@code leased} within {@code maxBytes}; with {@code firstAlways} the first
   * message goes even when it alone is larger (else a large body could never be delivered).
   */
  public static Split within(List<Delivery> leased, long maxBytes, boolean firstAlways) {
    List<Delivery> kept = new ArrayList<>();
    List<LeaseRef> returned = new ArrayList<>();
    long total = 0;
    for (Delivery delivery : leased) {
      long size = bytes(delivery);
      if ((firstAlways && kept.isEmpty() && returned.isEmpty()) || (returned.isEmpty() && total + size <= maxBytes)) {
        kept.add(delivery);
        total += size;
      } else if (delivery.leaseToken() != null) {
        returned.add(new LeaseRef(delivery.id().value(), delivery.leaseToken()));
      }
    }
    return new Split(kept, returned);
  }

  public static long bytes(Delivery delivery) {
    return delivery.body() == null ? 0 : delivery.body().length();
  }
}
