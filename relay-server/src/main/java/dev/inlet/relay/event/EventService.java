package dev.inlet.relay.event;

import dev.inlet.relay.id.EventId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.store.EventStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** A tenant's stored events, as providers sent them. */
public final class EventService {
  private final Pool pool;
  private final EventStore events;

  public EventService(Pool pool, EventStore events) {
    this.pool = pool;
    this.events = events;
  }

  /** The event; a 404 problem when the tenant has none by that id. */
  public Future<StoredEvent> get(TenantId tenant, EventId id) {
    return events.find(pool, tenant, id).map(found -> found.map(StoredEvent::from)
        .orElseThrow(() -> InletProblem.notFound("no event " + id.value())));
  }
}
