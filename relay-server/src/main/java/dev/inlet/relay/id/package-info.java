/**
 * Typed, prefixed identifiers ({@code ten_}, {@code ep_}, {@code tok_}, {@code evt_}): a wrong id
 * type does not compile and a wrong id is obvious in a log. Random ids carry 128 bits.
 */
package dev.inlet.relay.id;
