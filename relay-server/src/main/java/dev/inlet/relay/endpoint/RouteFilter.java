package dev.inlet.relay.endpoint;

/** Matches an event when a header, or the JSON value at a pointer, equals {@code equals}. */
public record RouteFilter(String header, String jsonPointer, String equals) {}
