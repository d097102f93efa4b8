/**
 * Server-Sent Events streams: a session leases messages to itself (at most {@code prefetch}
 * unsettled), writes each as {@code event: message}, frees a slot when the message is settled or its
 * lease runs out, and gives its unsettled leases back when the client goes.
 */
package dev.inlet.relay.stream;
