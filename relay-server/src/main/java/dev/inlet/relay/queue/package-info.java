/**
 * Queues and their verbs: lease (with long polls woken by signals, never a polling loop), ack,
 * nack, reject, extend, redrive, replay, purge, and the per-node signals and LISTEN that wake
 * waiters. All SQL is in {@code store}; this package decides, the store executes.
 */
package dev.inlet.relay.queue;
