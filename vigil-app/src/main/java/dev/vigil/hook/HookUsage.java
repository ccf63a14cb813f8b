package dev.vigil.hook;

import java.util.List;

/**
 * Who uses a hook, so that it is not deleted from under them. Implemented by alert configurations.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface HookUsage {
  /** Names of the resources that use the hook, e.g. {@code alert configuration pump-7-chat}. */
  List<String> usersOf(String hookId);
}
