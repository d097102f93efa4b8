/** Stored events: what providers sent, kept for the tenant's retention so they can be read and replayed. */
package dev.inlet.relay.event;
