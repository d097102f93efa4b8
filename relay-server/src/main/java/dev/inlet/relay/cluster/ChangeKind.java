package dev.inlet.relay.cluster;

import java.util.Optional;

/**
 * What a change notice names. The payload on {@code inlet_changes} is {@code <kind>:<key>}; the
 * key is the row's id (a queue's is {@code <tenant id>/<name>}, the key its consumers look it up by).
 */
public enum ChangeKind {
  /** An endpoint was written or deleted (its settings, secrets or routes). Key: its id. */
  ENDPOINT("endpoint"),
  /** A tenant's status, rate, quotas or retention changed, or it was deleted. Key: its id. */
  TENANT("tenant"),
  /** A queue's settings changed, it was paused or resumed, or deleted. Key: tenant id / name. */
  QUEUE("queue"),
  /** A queue was deleted and the routes to it with it. Key: the queue's internal id. */
  ROUTES_TO_QUEUE("routes"),
  /** A token was revoked. Key: its id. */
  TOKEN("token");

  private final String prefix;

  ChangeKind(String prefix) {
    this.prefix = prefix;
  }

  String payload(String key) {
    return prefix + ":" + key;
  }

  /** The kind a payload names, if any. */
  static Optional<ChangeKind> of(String payload) {
    for (ChangeKind kind : values()) {
      if (payload.length() > kind.prefix.length() + 1 && payload.startsWith(kind.prefix)
          && payload.charAt(kind.prefix.length()) == ':') {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  String key(String payload) {
    return payload.substring(prefix.length() + 1);
  }
}
