/**
 * The HTTP edge: routes, authentication, request parsing and response shapes, and the one failure
 * handler that renders problems. Each handler parses, authenticates, calls one service and renders;
 * it never reaches a store. Route groups are built and handed in by {@code app}.
 */
package dev.inlet.relay.http;
