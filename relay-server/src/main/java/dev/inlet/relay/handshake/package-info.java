/**
 * Verification handshakes (Slack, Zoom, Meta, Microsoft Graph, Dropbox, Twitter/X CRC): requests a
 * provider sends to prove that an endpoint is live, answered at once and never queued. {@link
 * dev.inlet.relay.handshake.Handshakes#answer} returns empty for anything else, which then goes on
 * to normal ingest. Pure Java; the HTTP edge renders the {@link
 * dev.inlet.relay.handshake.HandshakeReply}.
 */
package dev.inlet.relay.handshake;
