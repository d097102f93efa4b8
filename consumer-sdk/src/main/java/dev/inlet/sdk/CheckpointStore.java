package dev.inlet.sdk;

import java.io.IOException;
import java.util.Optional;

/** Where a {@link Reconciler} keeps its checkpoint between runs and restarts. */
public interface CheckpointStore {
  Optional<String> load() throws IOException;

  void save(String checkpoint) throws IOException;
}
