package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * NextToken and MaxResults of the List operations. A list is sorted by a key that is unique per
 * item; a page is the items after the key its token carries, so a listing that changes between
 * pages neither repeats nor skips the items that stay. The token is opaque to clients: the
 * operation and the last key, base64url-encoded; a token of another operation is refused. Stateless
 * and thread-safe.
 */
final class Pages {
  /** Items per page when MaxResults is absent. */
  static final int DEFAULT_MAX_RESULTS = 50;

  private Pages() {}

  /** One page, and the token of the next one (null after the last page). */
  record Page<T>(List<T> items, String nextToken) {}

  /**
   * The page that the input's NextToken and MaxResults ask for.
   *
   * @param items every item, in any order; they are sorted by {@code key}
   * @throws LookoutException a ValidationException for a token that is not one of this operation
   */
  static <T> Page<T> page(
      String operation, List<T> items, Function<T, String> key, JsonNode input) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort((a, b) -> key.apply(a).compareTo(key.apply(b)));
    int max =
        input.hasNonNull("MaxResults") ? input.get("MaxResults").asInt() : DEFAULT_MAX_RESULTS;
    int from = 0;
    if (input.hasNonNull("NextToken") && !input.get("NextToken").asText().isEmpty()) {
      String after = after(operation, input.get("NextToken").asText());
      while (from < sorted.size() && key.apply(sorted.get(from)).compareTo(after) <= 0) {
        from++;
      }
    }
    int to = Math.min(sorted.size(), from + max);
    String next = to < sorted.size() ? token(operation, key.apply(sorted.get(to - 1))) : null;
    return new Page<>(List.copyOf(sorted.subList(from, to)), next);
  }

  /** A key that sorts as the number: for times and version numbers. */
  static String sortable(long value) {
    // Flipping the sign bit maps signed order to unsigned order; 20 digits hold any unsigned long.
    String digits = Long.toUnsignedString(value ^ Long.MIN_VALUE);
    return "0".repeat(20 - digits.length()) + digits;
  }

  private static String token(String operation, String lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((operation + "\n" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  private static String after(String operation, String token) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(operation);
    }
    if (!decoded.startsWith(operation + "\n")) {
      throw invalid(operation);
    }
    return decoded.substring(operation.length() + 1);
  }

  private static LookoutException invalid(String operation) {
    return LookoutException.validation(
        "NextToken is not a token of "
            + operation
            + ": give the NextToken of the previous "
            + operation
            + " answer, or none for the first page");
  }
}
