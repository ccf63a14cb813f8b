package dev.vigil.hook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A hook as stored: where alerts go, reused by any number of alert configurations. Immutable and
 * thread-safe; {@link #toString()} shows no secret.
 *
 * @param id stable identifier, never reused
 * @param name unique name
 * @param target the webhook or email settings
 * @param timeout how long one delivery attempt may take before it counts as failed
 * @param createdAt creation time
 * @param updatedAt time of the last change
 */
public record Hook(
    String id,
    String name,
    HookTarget target,
    Duration timeout,
    Instant createdAt,
    Instant updatedAt) {
  public Hook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public HookType type() {
    return target.type();
  }
}
