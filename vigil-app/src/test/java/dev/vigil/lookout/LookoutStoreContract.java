package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.json.Json;
import dev.vigil.storage.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's own tables against a database; subclasses give the database (the embedded H2 and a
 * real PostgreSQL), so the same SQL runs on both.
 */
abstract class LookoutStoreContract {
  private static final ObjectMapper JSON = Json.mapper();
  private static final LookoutStore.Key DATASET =
      new LookoutStore.Key(ResourceKind.DATASET, "5f0c7a52-1111-2222-3333-444455556666");
  private static final LookoutStore.Key MODEL =
      new LookoutStore.Key(ResourceKind.MODEL, "5f0c7a52-1111-2222-3333-444455556666");

  private Database database;
  private LookoutStore store;

  /** Opens a freshly migrated database; the test closes it. */
  abstract Database openDatabase();

  @BeforeEach
  void open() {
    database = openDatabase();
    store = new LookoutStore(database, JSON);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void settings_are_kept_per_resource_and_changed_member_by_member() {
    assertThat(store.settings(DATASET)).isEmpty();
    ObjectNode first = JSON.createObjectNode().put("RoleArn", "arn:aws:iam::123456789012:role/a");
    store.updateSettings(DATASET, first);
    store.updateSettings(DATASET, JSON.createObjectNode().put("ServerSideKmsKeyId", "alias/k"));
    store.updateSettings(
        DATASET, JSON.createObjectNode().put("RoleArn", "arn:aws:iam::123456789012:role/b"));

    assertThat(store.settings(DATASET))
        .isEqualTo(
            JSON.createObjectNode()
                .put("RoleArn", "arn:aws:iam::123456789012:role/b")
                .put("ServerSideKmsKeyId", "alias/k"));
    assertThat(store.settings(MODEL)).as("another kind, same id").isEmpty();
    store.forget(DATASET);
    assertThat(store.settings(DATASET)).isEmpty();
  }

  @Test
  void tags_are_set_replaced_removed_and_counted_against_the_quota() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("site", "north");
    tags.put("line", "1");
    store.tag(DATASET, tags, 3);
    store.tag(DATASET, Map.of("line", "2"), 3);
    assertThat(store.tags(DATASET))
        .containsExactly(Map.entry("line", "2"), Map.entry("site", "north"));

    assertThatThrownBy(() -> store.tag(DATASET, Map.of("a", "1", "b", "2"), 3))
        .isInstanceOf(LookoutException.class)
        .hasMessage("the dataset would have 4 tags; a resource has at most 3");
    assertThat(store.tags(DATASET)).hasSize(2);

    store.untag(DATASET, List.of("line", "never-set"));
    assertThat(store.tags(DATASET)).containsExactly(Map.entry("site", "north"));
    store.forget(DATASET);
    assertThat(store.tags(DATASET)).isEmpty();
  }

  @Test
  void a_client_token_is_claimed_once_and_answers_with_what_its_request_got() {
    assertThat(store.claimToken("CreateDataset", "t1", "hash-a", 1_000)).isEmpty();
    Optional<LookoutStore.TokenUse> running =
        store.claimToken("CreateDataset", "t1", "hash-a", 2_000);
    assertThat(running).contains(new LookoutStore.TokenUse("hash-a", null, 1_000));
    assertThat(store.claimToken("CreateModel", "t1", "hash-b", 2_000))
        .as("tokens are per operation")
        .isEmpty();

    assertThat(store.retakeToken("CreateDataset", "t1", 999, 3_000)).isFalse();
    assertThat(store.retakeToken("CreateDataset", "t1", 1_000, 3_000)).isTrue();
    store.completeToken("CreateDataset", "t1", "{\"DatasetName\":\"x\"}");
    assertThat(store.claimToken("CreateDataset", "t1", "hash-a", 4_000))
        .contains(new LookoutStore.TokenUse("hash-a", "{\"DatasetName\":\"x\"}", 3_000));
    store.releaseToken("CreateDataset", "t1");
    assertThat(store.claimToken("CreateDataset", "t1", "hash-a", 4_000))
        .as("a completed token is not released")
        .isPresent();

    store.releaseToken("CreateModel", "t1");
    assertThat(store.claimToken("CreateModel", "t1", "hash-c", 5_000)).isEmpty();
    store.expireTokens(4_500);
    assertThat(store.claimToken("CreateDataset", "t1", "hash-z", 6_000)).isEmpty();
    assertThat(store.claimToken("CreateModel", "t1", "hash-c", 6_000)).isPresent();
  }
}
