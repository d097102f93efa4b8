package dev.inlet.relay.app;

/** What the first start prints, once: the tokens it made and a curl to try them. Never logged. */
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
        .append(" Try it:\n")
        .append("   export INLET_TOKEN='").append(first.tenantAdminToken()).append("'\n")
        .append("   curl -s -X POST ").append(url).append("/v1/queues \\\n")
        .append("        -H \"Authorization: Bearer $INLET_TOKEN\" -H 'Content-Type: application/json' \\\n")
        .append("        -d '{\"name\": \"orders\"}'\n")
        .append("==================================================================\n");
    return text.toString();
  }
}
