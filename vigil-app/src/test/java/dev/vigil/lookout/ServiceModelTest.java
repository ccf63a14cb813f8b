package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lookoutequipment.LookoutEquipmentClient;

/**
 * The service model Vigil validates against (from botocore) is the one compiled into the AWS SDK
 * for Java 2.40.2: the same operations, the same members of every request and answer, the same enum
 * values.
 */
class ServiceModelTest {
  private static final String SDK_MODEL = "software.amazon.awssdk.services.lookoutequipment.model.";
  private static final ServiceModel MODEL = ServiceModel.load();

  @Test
  void the_model_has_the_operations_of_the_java_sdk() {
    Set<String> sdkOperations = new TreeSet<>();
    for (Method method : LookoutEquipmentClient.class.getDeclaredMethods()) {
      Class<?>[] parameters = method.getParameterTypes();
      if (Modifier.isStatic(method.getModifiers())
          || parameters.length != 1
          || !parameters[0].getSimpleName().endsWith("Request")
          || !method.getReturnType().getSimpleName().endsWith("Response")) {
        continue;
      }
      String request = parameters[0].getSimpleName();
      sdkOperations.add(request.substring(0, request.length() - "Request".length()));
    }
    assertThat(sdkOperations).isEqualTo(new TreeSet<>(MODEL.operations().keySet()));
  }

  @Test
  void every_request_and_answer_has_the_members_of_the_java_sdk() throws Exception {
    for (ServiceModel.Operation operation : MODEL.operations().values()) {
      assertThat(members(operation.name() + "Request"))
          .as(operation.name() + " request")
          .isEqualTo(MODEL.shape(operation.input()).members().keySet());
      Set<String> output =
          operation.output() == null
              ? Set.of()
              : MODEL.shape(operation.output()).members().keySet();
      assertThat(members(operation.name() + "Response"))
          .as(operation.name() + " answer")
          .isEqualTo(output);
    }
  }

  @Test
  void every_enum_has_the_values_of_the_java_sdk() throws Exception {
    int compared = 0;
    for (String operation : MODEL.operations().keySet()) {
      for (String member :
          MODEL.shape(MODEL.operations().get(operation).input()).members().keySet()) {
        ServiceModel.Shape shape =
            MODEL.shape(
                MODEL
                    .shape(MODEL.operations().get(operation).input())
                    .members()
                    .get(member)
                    .shape());
        if (shape.enumValues().isEmpty()) {
          continue;
        }
        Class<?> sdkEnum = Class.forName(SDK_MODEL + shape.name());
        @SuppressWarnings("unchecked")
        Set<Object> known = (Set<Object>) sdkEnum.getMethod("knownValues").invoke(null);
        assertThat(known.stream().map(Object::toString).collect(Collectors.toSet()))
            .as(shape.name())
            .isEqualTo(Set.copyOf(shape.enumValues()));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(10);
  }

  private static Set<String> members(String sdkClass) throws Exception {
    Object builder = Class.forName(SDK_MODEL + sdkClass).getMethod("builder").invoke(null);
    SdkPojo pojo = (SdkPojo) builder;
    return pojo.sdkFields().stream()
        .map(SdkField::locationName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
