/**
 * Queues and their settings. The queue verbs (lease, ack, nack, reject, extend, redrive, replay)
 * arrive with the consumption API and live here too.
 */
package dev.inlet.relay.queue;
