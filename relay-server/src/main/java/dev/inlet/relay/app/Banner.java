package dev.inlet.relay.app;

/**
 * What the first start prints, once: the tokens it made and how to try them, with the variable names
 * the README's tour uses and nothing that the tour then creates (no 409). Never logged.
 */
final class Banner {
  private Banner() {}

  static String firstStart(Relay relay, Relay.FirstStart first) {
    String url = relay.publicUrl();
    StringBuilder text = new StringBuilder()
        .append("\n==================================================================\n")
        .append(" Inlet is ready at ").append(url).append("\n\n");
    if (!first.operatorTokenFromEnvironment()) {
      text.append(" Operator token (creates tenants; also kept in INLET_DATA_DIR/operator-token):\n   ")
          .append(first.operatorToken()).append("\n\n");
    }
    text.append(" Admin token of tenant 'default' (shown this once; keep it):\n   ")
        .append(first.tenantAdminToken()).append("\n\n")
        .append(" Try it (the README's tour, docs/tour.sh, goes on from here):\n")
        .append("   export INLET_URL=").append(url).append("\n")
        .append("   export INLET_TOKEN='").append(first.tenantAdminToken()).append("'\n")
        .append("   curl -s $INLET_URL/v1/queues -H \"Authorization: Bearer $INLET_TOKEN\"\n")
        .append("   bin/inlet queues list          # the same, with the inlet command line\n")
        .append("==================================================================\n");
    return text.toString();
  }
}
