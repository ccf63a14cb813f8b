package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One operation of the Lookout API as Vigil implements it: from a request the {@link ServiceModel}
 * has validated to the answer. It refuses with {@link LookoutException} or with the features'
 * {@code dev.vigil.request} exceptions, which the endpoint turns into Lookout's errors.
 */
@FunctionalInterface
interface Operation {
  ObjectNode call(JsonNode input);
}
