/**
 * The HTTP edge: routes, authentication, request parsing and response shapes, and the one failure
 * handler that renders problems. Handlers stay thin and call the domain packages.
 */
package dev.inlet.relay.http;
