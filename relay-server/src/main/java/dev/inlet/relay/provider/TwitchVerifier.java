package dev.inlet.relay.provider;

import static dev.inlet.relay.verify.Bytes.isBlank;
import static dev.inlet.relay.verify.Bytes.utf8;

import dev.inlet.relay.verify.HmacAlgorithm;
import dev.inlet.relay.verify.HmacKeys;
import dev.inlet.relay.verify.RefusalReason;
import dev.inlet.relay.verify.SignatureEncoding;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Timestamps;
import dev.inlet.relay.verify.Verdict;
import dev.inlet.relay.verify.Verifier;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Twitch EventSub: {@code Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256(secret,
 * id + timestamp + body)>} over the {@code Twitch-Eventsub-Message-Id} and {@code
 * Twitch-Eventsub-Message-Timestamp} headers as sent, the timestamp (RFC 3339) within the tolerance.
 */
final class TwitchVerifier implements Verifier {

  static final String ID = "Twitch-Eventsub-Message-Id";
  static final String TIMESTAMP = "Twitch-Eventsub-Message-Timestamp";
  static final String SIGNATURE = "Twitch-Eventsub-Message-Signature";
  private static final String PREFIX = "sha256=";

  private final HmacKeys keys;
  private final int toleranceSeconds;

  TwitchVerifier(List<String> secrets, int toleranceSeconds) {
    this.keys = HmacKeys.utf8(HmacAlgorithm.SHA256, secrets);
    this.toleranceSeconds = toleranceSeconds;
  }

  @Override
  public Verdict verify(SignedRequest request) {
    String id = request.headers().get(ID);
    String timestamp = request.headers().get(TIMESTAMP);
    String value = request.headers().get(SIGNATURE);
    if (isBlank(id) || isBlank(timestamp) || isBlank(value)) {
      return Verdict.refused(RefusalReason.MISSING_HEADER);
    }
    value = value.trim();
    if (!value.startsWith(PREFIX)) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    byte[] signature;
    long millis;
    try {
      signature = SignatureEncoding.HEX.decode(value.substring(PREFIX.length()));
      millis = OffsetDateTime.parse(timestamp.trim()).toInstant().toEpochMilli();
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Verdict.refused(RefusalReason.MALFORMED_HEADER);
    }
    return Verdict.of(
        keys.matches(signature, utf8(id), utf8(timestamp), request.body()),
        Timestamps.withinMillis(millis, request.now(), toleranceSeconds));
  }
}
