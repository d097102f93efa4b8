package dev.inlet.relay.ingest;

import dev.inlet.relay.verify.HeaderLookup;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * An inbound request as received, body included.
 *
 * @param publicUrl the URL the provider called ({@code INLET_PUBLIC_URL} + path and query): Square
 *     and Twilio sign it
 * @param headersJson every header, name (lower case) to its values, as stored with the event
 */
public record InboundRequest(String method, String publicUrl, String pathQuery, HeaderLookup headers,
    JsonObject headersJson, String contentType, Buffer body, String sourceAddress,
    Map<String, List<String>> query, Map<String, List<String>> formParams) {}
