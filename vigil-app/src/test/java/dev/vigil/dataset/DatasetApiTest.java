package dev.vigil.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingestion.TestApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets over the HTTP API of a real server. */
class DatasetApiTest {
  private static final String PUMP =
      "{\"name\":\"pump\",\"columns\":[{\"name\":\"Timestamp\",\"type\":\"DATETIME\"},"
          + "{\"name\":\"Current\",\"type\":\"DOUBLE\"}]}";

  @TempDir Path dataDirectory;
  private TestApi api;

  @BeforeEach
  void startServer() {
    api = TestApi.start(dataDirectory);
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  private TestApi.Response create(String name, String components) {
    return api.post(
        "/api/v1/datasets",
        "{\"name\":\"" + name + "\",\"schema\":{\"components\":[" + components + "]}}");
  }

  @Test
  void a_created_dataset_is_described_listed_and_deleted() {
    TestApi.Response created = create("pump-7", PUMP);

    assertThat(created.status()).isEqualTo(201);
    JsonNode dataset = created.body();
    assertThat(dataset.get("name").asText()).isEqualTo("pump-7");
    assertThat(dataset.get("status").asText()).isEqualTo("CREATED");
    assertThat(dataset.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(dataset.get("updatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(dataset.get("schema").toString()).isEqualTo("{\"components\":[" + PUMP + "]}");
    assertThat(dataset.has("activeIngestionJobId")).isFalse();
    assertThat(dataset.has("dataQuality")).isFalse();
    assertThat(api.get("/api/v1/datasets/pump-7").body()).isEqualTo(dataset);
    assertThat(api.get("/api/v1/datasets").body().get("datasets")).containsExactly(dataset);

    assertThat(api.delete("/api/v1/datasets/pump-7").status()).isEqualTo(204);
    TestApi.Response gone = api.get("/api/v1/datasets/pump-7");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.message()).isEqualTo("dataset 'pump-7' does not exist");
    assertThat(api.delete("/api/v1/datasets/pump-7").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/datasets").body().get("datasets")).isEmpty();
  }

  @Test
  void a_second_dataset_of_the_same_name_is_a_conflict() {
    create("pump-7", PUMP);

    TestApi.Response again = create("pump-7", PUMP);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.message()).isEqualTo("dataset 'pump-7' already exists");
  }

  @Test
  void names_and_schemas_that_break_a_rule_get_a_400_naming_the_field() {
    assertRefused(
        create("pump 7", PUMP),
        "name",
        "name 'pump 7' must match ^[0-9a-zA-Z_-]{1,200}$ (1 to 200 letters, digits, underscores"
            + " and dashes)");
    assertRefused(create("p", ""), "schema.components", "a dataset needs at least one component");
    assertRefused(
        create("p", PUMP.replace("\"pump\"", "\"pu/mp\"")),
        "schema.components[0].name",
        "component name 'pu/mp' must match ^[0-9a-zA-Z._\\-]{1,200}$ (1 to 200 letters, digits,"
            + " dots, underscores and dashes)");
    assertRefused(
        create("p", PUMP + "," + PUMP),
        "schema.components[1].name",
        "component name 'pump' is used twice");
    assertRefused(
        create("p", PUMP.replace("DATETIME", "DOUBLE")),
        "schema.components[0].columns[0].type",
        "the first column of a component is its timestamp: its type must be DATETIME");
    assertRefused(
        create("p", PUMP.replace("\"DOUBLE\"", "\"DATETIME\"")),
        "schema.components[0].columns[1].type",
        "column 'Current' must be of type DOUBLE: only the first column is a timestamp");
    assertRefused(
        create("p", "{\"name\":\"pump\",\"columns\":[{\"name\":\"T\",\"type\":\"DATETIME\"}]}"),
        "schema.components[0].columns",
        "component 'pump' needs a DATETIME timestamp column followed by at least one DOUBLE"
            + " column");
    assertRefused(
        create("p", PUMP.replace("\"Timestamp\"", "\"Current\"")),
        "schema.components[0].columns[1].name",
        "column name 'Current' is used twice in component 'pump'");
    assertRefused(
        create("p", PUMP.replace("\"DOUBLE\"", "\"FLOAT\"")),
        "schema.components[0].columns[1].type",
        "field 'schema.components[0].columns[1].type' cannot be FLOAT: it must be one of"
            + " DATETIME, DOUBLE");
    assertRefused(
        api.post("/api/v1/datasets", "{\"name\":\"p\"}"), "schema", "field 'schema' is required");
    assertRefused(
        api.post("/api/v1/datasets", "{\"name\":\"p\",\"schema\":{\"components\":[]},\"x\":1}"),
        "x",
        "unknown field 'x'; known fields: name, schema");
    assertRefused(
        api.post("/api/v1/datasets", "{\"name\":5,\"schema\":{\"components\":[]}}"),
        "name",
        "field 'name' cannot be 5: it must be a string");
    assertThat(api.post("/api/v1/datasets", "{\"name\":").message()).startsWith("malformed JSON");
    assertThat(api.get("/api/v1/datasets").body().get("datasets")).isEmpty();
  }

  private static void assertRefused(TestApi.Response response, String field, String message) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
    assertThat(response.field()).isEqualTo(field);
    assertThat(response.message()).isEqualTo(message);
  }
}
