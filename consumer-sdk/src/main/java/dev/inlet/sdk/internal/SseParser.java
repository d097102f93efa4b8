package dev.inlet.sdk.internal;

/**
 * Reads a {@code text/event-stream} one line at a time (the WHATWG rules: {@code field: value}
 * lines, {@code :} comments, a blank line ends an event, {@code data} lines join with newlines).
 * Not thread-safe: one per connection.
 */
public final class SseParser {
  /** One complete event. */
  public record Event(String type, String id, String data) {}

  private String type;
  private String id;
  private StringBuilder data;

  /** Feeds one line (without its terminator); returns the event it completes, or null. */
  public Event line(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.startsWith(":")) {
      return null;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> type = value;
      case "id" -> id = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      default -> { } // retry and unknown fields: ignored
    }
    return null;
  }

  private Event dispatch() {
    Event event = data == null ? null : new Event(type == null ? "message" : type, id, data.toString());
    type = null;
    id = null;
    data = null;
    return event;
  }
}
