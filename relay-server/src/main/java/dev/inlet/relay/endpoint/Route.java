package dev.inlet.relay.endpoint;

/** Where an endpoint's events go: a queue, and optionally only the events that match a filter. */
public record Route(String queue, RouteFilter filter) {}
