package dev.vigil.lookout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ClientToken idempotency of the creating operations: the first request with a token runs and its
 * answer is recorded; a request with the same token and the same content (every member but the
 * token, compared as canonical JSON) gets the recorded answer again without running; with other
 * content it is a ConflictException. A request that fails leaves no record, so that it can be
 * retried with its token. A retry while the first request still runs is a ThrottlingException,
 * which the SDKs retry until the answer is recorded; a record whose request never finished (Vigil
 * stopped meanwhile) is taken over after {@link #ABANDONED_AFTER}. Tokens are forgotten after
 * {@link #TOKEN_LIFETIME}.
 *
 * <p>Thread-safe: the database decides which of two requests with one token runs.
 */
final class Idempotency {
  /** How long a token is remembered. */
  static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

  /** A request that has not finished after this long is taken for lost. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  private final LookoutStore store;
  private final ObjectMapper mapper;
  private final Clock clock;

  Idempotency(LookoutStore store, ObjectMapper mapper, Clock clock) {
    this.store = store;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Runs {@code operation} once per token and request content. */
  ObjectNode call(String operationName, String tokenMember, JsonNode input, Operation operation) {
    String token = input.get(tokenMember).asText();
    String hash = requestHash(input, tokenMember);
    long now = clock.millis();
    store.expireTokens(now - TOKEN_LIFETIME.toMillis());
    Optional<LookoutStore.TokenUse> earlier = store.claimToken(operationName, token, hash, now);
    if (earlier.isPresent()) {
      LookoutStore.TokenUse use = earlier.get();
      if (!use.requestHash().equals(hash)) {
        throw LookoutException.conflict(
            "ClientToken '"
                + token
                + "' was used by an earlier "
                + operationName
                + " request with other parameters; use a new ClientToken for a new request");
      }
      if (use.response() != null) {
        return parse(use.response());
      }
      if (now - use.createdAtMillis() < ABANDONED_AFTER.toMillis()
          || !store.retakeToken(operationName, token, use.createdAtMillis(), now)) {
        throw new LookoutException(
            LookoutError.THROTTLING,
            "an earlier "
                + operationName
                + " request with ClientToken '"
                + token
                + "' is still running; retry to get its answer");
      }
    }
    ObjectNode answer;
    try {
      answer = operation.call(input);
    } catch (RuntimeException e) {
      store.releaseToken(operationName, token);
      throw e;
    }
    store.completeToken(operationName, token, answer.toString());
    return answer;
  }

  /** The SHA-256 of a request's content: every member but its token, as canonical JSON. */
  static String requestHash(JsonNode input, String tokenMember) {
    ObjectNode content = ((ObjectNode) input).deepCopy();
    content.remove(tokenMember);
    return HexFormat.of().formatHex(SignatureVerifier.sha256(canonical(content)));
  }

  private ObjectNode parse(String json) {
    try {
      return (ObjectNode) mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a recorded answer is not JSON: " + json, e);
    }
  }

  /** JSON with the members of every object in name order, so that equal content hashes equal. */
  private static byte[] canonical(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(fields.get(i).getKey()));
        out.append(':');
        write(fields.get(i).getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else {
      out.append(node.toString());
    }
  }
}
