/**
 * Periodic clean-up under an advisory lock, so one node does it at a time: the day partitions of
 * events (made ahead, dropped whole past retention), expired dedupe keys, and events past their
 * tenant's retention that no message still needs.
 */
package dev.inlet.relay.housekeeping;
