package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Timestamps on the wire of AWS JSON 1.0: numbers of seconds since the epoch, with a fraction when
 * there is one ({@code 1767225600} or {@code 1767225600.5}), in requests and answers alike.
 * Stateless and thread-safe.
 */
final class Timestamps {
  private Timestamps() {}

  /** The JSON number of an instant, to the millisecond. */
  static JsonNode node(Instant instant) {
    long millis = instant.toEpochMilli();
    if (millis % 1000 == 0) {
      return LongNode.valueOf(millis / 1000);
    }
    return DecimalNode.valueOf(BigDecimal.valueOf(millis, 3).stripTrailingZeros());
  }

  /** The JSON number of an ISO-8601 instant such as Vigil's native API writes. */
  static JsonNode node(String isoInstant) {
    return node(Instant.parse(isoInstant));
  }

  /**
   * The instant of a JSON number of seconds (the validator has checked it is one), to the
   * millisecond, rounded down.
   */
  static Instant instant(JsonNode seconds) {
    BigDecimal millis = seconds.decimalValue().movePointRight(3).setScale(0, RoundingMode.FLOOR);
    try {
      return Instant.ofEpochMilli(millis.longValueExact());
    } catch (ArithmeticException e) {
      throw LookoutException.validation(
          "timestamp " + seconds + " is out of range: give seconds since the epoch");
    }
  }
}
