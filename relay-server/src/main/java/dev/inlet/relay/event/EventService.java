package dev.inlet.relay.event;

import dev.inlet.relay.endpoint.EndpointService;
import dev.inlet.relay.id.EventId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.AttemptRecorder;
import dev.inlet.relay.queue.QueueDirectory;
import dev.inlet.relay.store.EventStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** A tenant's stored events, as providers sent them, and what became of them in each queue. */
public final class EventService {
  private final Pool pool;
  private final EventStore events;
  private final EndpointService endpoints;
  private final QueueDirectory queues;
  private final AttemptRecorder attempts;

  public EventService(Pool pool, EventStore events, EndpointService endpoints, QueueDirectory queues,
      AttemptRecorder attempts) {
    this.attempts = attempts;
    this.pool = pool;
    this.events = events;
    this.endpoints = endpoints;
    this.queues = queues;
  }

  /** An event and its deliveries. */
  public record EventDetail(StoredEvent event, List<EventDelivery> deliveries) {}

  /** The event; a 404 problem when the tenant has none by that id. */
  public Future<StoredEvent> get(TenantId tenant, EventId id) {
    return row(tenant, id).map(StoredEvent::from);
  }

  public Future<EventDetail> detail(TenantId tenant, EventId id) {
    // A gone delivery names its last leased message from the attempts: this node's go in first.
    return row(tenant, id).compose(row -> attempts.flush().otherwiseEmpty().compose(v -> events.deliveries(pool, tenant, row))
        .map(deliveries -> new EventDetail(StoredEvent.from(row),
            deliveries.stream().map(EventDelivery::from).toList())));
  }

  /** A page of events; an endpoint or queue the tenant does not have is a 404 problem. */
  public Future<List<EventSummary>> search(TenantId tenant, EventSearch search) {
    Future<Void> endpointKnown = search.endpoint() == null ? Future.succeededFuture()
        : endpoints.get(tenant, search.endpoint()).mapEmpty();
    Future<Long> queueId = search.queue() == null ? Future.succeededFuture(null)
        : queues.find(tenant, search.queue()).map(found -> found.map(Queue::id)
            .orElseThrow(() -> InletProblem.notFound("no queue " + search.queue())));
    return endpointKnown.compose(known -> queueId).compose(queue -> events.search(pool, tenant,
            new EventStore.Search(search.endpoint(), search.type(), queue, search.outcome(), search.from(),
                search.to(), search.beforeTime(), search.beforeId(), search.limit())))
        .map(rows -> rows.stream().map(EventSummary::from).toList());
  }

  private Future<EventStore.EventRow> row(TenantId tenant, EventId id) {
    return events.find(pool, tenant, id).map(found -> found
        .orElseThrow(() -> InletProblem.notFound("no event " + id.value())));
  }
}
