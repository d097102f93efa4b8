package dev.inlet.relay.ingest;

import dev.inlet.relay.endpoint.RouteFilter;
import dev.inlet.relay.verify.HeaderLookup;
import dev.inlet.relay.provider.EventBody;
import dev.inlet.relay.provider.EventFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which of an endpoint's queues an event goes to (replays apply the same filters again). */
public final class RouteFilters {
  private RouteFilters() {}

  static List<Long> queuesFor(IngestEndpoint endpoint, HeaderLookup headers, EventBody body) {
    List<Long> queues = new ArrayList<>(endpoint.targets().size());
    for (IngestEndpoint.Target target : endpoint.targets()) {
      if (target.filter() == null || matches(target.filter(), headers, body)) {
        queues.add(target.queueId());
      }
    }
    return queues;
  }

  public static boolean matches(RouteFilter filter, HeaderLookup headers, EventBody body) {
    Optional<String> value = filter.header() != null
        ? EventFields.byHeader(headers, filter.header())
        : EventFields.byJsonPointer(body, filter.jsonPointer());
    return value.map(v -> v.equals(filter.equals())).orElse(false);
  }
}
