package dev.inlet.relay.bench;

/** How many messages one consumption phase settled, in how long; {@code emptied}: it ran the queue dry. */
record DrainResult(String name, long messages, double seconds, long failed, boolean emptied) {

  double perSecond() {
    return seconds > 0 ? messages / seconds : 0;
  }
}
