package dev.vigil.hook;

/**
 * Where and how a hook delivers: a {@link WebhookTarget} or an {@link EmailTarget}. Immutable and
 * thread-safe; implementations never show their secrets in {@code toString()}.
 */
public sealed interface HookTarget permits WebhookTarget, EmailTarget {
  /** The kind of hook. */
  HookType type();
}
