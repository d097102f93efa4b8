package dev.inlet.relay.event;

import dev.inlet.relay.id.EndpointId;
import java.time.OffsetDateTime;

/**
 * A search of a tenant's events, newest first: each filter null for any. The page is in
 * [{@code from}, {@code to}) and before ({@code beforeTime}, {@code beforeId}), the last of the
 * previous page ({@code to} and "" for the first).
 *
 * @param outcome pending (a message waits or is leased), dead (one is dead), settled (none is left)
 */
public record EventSearch(EndpointId endpoint, String queue, String type, String outcome, OffsetDateTime from,
    OffsetDateTime to, OffsetDateTime beforeTime, String beforeId, int limit) {}
