package dev.inlet.sdk;

/** The user's call to the provider API: list what changed since {@code checkpoint}. */
@FunctionalInterface
public interface Sync<T> {
  /** {@code checkpoint} is null on the very first run. */
  SyncResult<T> sync(String checkpoint) throws Exception;
}
