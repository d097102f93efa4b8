/**
 * Inlet's Java consumer SDK: pull and stream messages from an Inlet relay, settle them, hydrate
 * the provider's object and process each event once. The client arrives with the consumption API.
 */
package dev.inlet.sdk;
