/**
 * Being one of several nodes on one database: the LISTEN connection that hears the others'
 * notifications, and configuration change notices between nodes' caches. Knows only the store;
 * {@code app} wires what each notice does.
 */
package dev.inlet.relay.cluster;
