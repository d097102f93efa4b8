package dev.inlet.relay.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.inlet.relay.http.RequestIds;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the request id of the Vert.x context the logging thread runs ({@link RequestIds#current()})
 * into the MDC as {@code requestId} just before a log event is made, and takes it out when there is
 * none. An event loop serves many requests in turn, so a thread-local MDC set once per request would
 * be wrong after the first callback; the context is the request's. Configured in logback.xml.
 */
public final class RequestIdMdc extends TurboFilter {
  public static final String MDC_KEY = "requestId";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != null && !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    String id = RequestIds.current();
    if (id == null) {
      MDC.remove(MDC_KEY);
    } else {
      MDC.put(MDC_KEY, id);
    }
    return FilterReply.NEUTRAL;
  }
}
