package dev.inlet.relay.verify;

import java.util.Map;
import java.util.TreeMap;

/** Read access to request headers, by case-insensitive name. */
@FunctionalInterface
public interface HeaderLookup {

  /** The first value of the named header, or null when absent. */
  String get(String name);

  public static HeaderLookup of(Map<String, String> headers) {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    return copy::get;
  }
}
