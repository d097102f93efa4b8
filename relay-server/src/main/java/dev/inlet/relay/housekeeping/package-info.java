/**
 * Periodic clean-up under an advisory lock, so one node does it at a time: expired dedupe keys, and
 * events past their tenant's retention that no message still needs.
 */
package dev.inlet.relay.housekeeping;
