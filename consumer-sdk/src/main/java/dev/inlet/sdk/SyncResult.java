package dev.inlet.sdk;

import java.util.List;
import java.util.Objects;

/** One page of a reconciliation sync: the items seen and the checkpoint to resume from. */
public record SyncResult<T>(List<T> items, String nextCheckpoint) {
  public SyncResult {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    Objects.requireNonNull(nextCheckpoint, "nextCheckpoint");
  }
}
