package dev.inlet.relay.replay;

import dev.inlet.relay.endpoint.EndpointColumns;
import dev.inlet.relay.endpoint.RouteFilter;
import dev.inlet.relay.ingest.RouteFilters;
import dev.inlet.relay.provider.EventBody;
import dev.inlet.relay.store.ReplayStore;
import dev.inlet.relay.verify.HeaderLookup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** A route's filter applied again to a stored event, exactly as ingest applied it to the request. */
final class StoredEventFilter {
  private StoredEventFilter() {}

  /** {@code filterJson} null: the route takes every event. */
  static boolean admits(String filterJson, ReplayStore.CandidateRow event) {
    if (filterJson == null) {
      return true;
    }
    RouteFilter filter = EndpointColumns.filter(new JsonObject(filterJson));
    if (filter == null) {
      return true;
    }
    return RouteFilters.matches(filter, headers(new JsonObject(event.headersJson())),
        EventBody.of(event.body().getBytes()));
  }

  /** Stored headers are lower-case names to their values (arrays); the first value counts, as at ingest. */
  private static HeaderLookup headers(JsonObject stored) {
    return name -> {
      Object value = stored.getValue(name.toLowerCase(Locale.ROOT));
      if (value instanceof JsonArray values) {
        return values.isEmpty() ? null : values.getString(0);
      }
      return value instanceof String text ? text : null;
    };
  }
}
