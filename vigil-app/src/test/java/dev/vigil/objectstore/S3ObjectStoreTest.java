package dev.vigil.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.vigil.config.VigilConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The contract against Adobe S3Mock, a real S3-compatible HTTP server (Spring Boot) started inside
 * the test JVM on free ports by {@link S3MockExtension}.
 */
class S3ObjectStoreTest extends ObjectStoreContractTest {
  @RegisterExtension
  static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().build();

  /** Every HTTP request the store sends, as the SDK transmits it. */
  private static final List<SdkHttpRequest> REQUESTS = new CopyOnWriteArrayList<>();

  private static S3ObjectStore store;
  private static S3Client admin;

  @BeforeAll
  static void connect() {
    VigilConfig.ObjectStoreSettings settings = settings(endpoint());
    store =
        S3ObjectStore.create(
            settings,
            List.of(
                new ExecutionInterceptor() {
                  @Override
                  public void beforeTransmission(
                      Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    REQUESTS.add(context.httpRequest());
                  }
                }));
    admin =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create(endpoint()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("vigil", "secret")))
            .build();
  }

  @AfterAll
  static void disconnect() {
    store.close();
    admin.close();
  }

  private static String endpoint() {
    return "http://localhost:" + S3_MOCK.getHttpPort();
  }

  private static VigilConfig.ObjectStoreSettings settings(String endpoint) {
    return new VigilConfig.ObjectStoreSettings(
        "s3", endpoint, "us-east-1", true, "vigil", "secret");
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected void createBucket(String bucket) {
    admin.createBucket(request -> request.bucket(bucket));
  }

  /**
   * S3 makes an object visible only once its upload is complete, so whole-object writes need one
   * PUT carrying the whole body: no multipart upload, no streaming of unknown length.
   */
  @Test
  void putIsOneRequestCarryingTheWholeObject() throws IOException {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    REQUESTS.clear();

    store.put(bucket, "big/result.bin", content);

    assertThat(REQUESTS).hasSize(1);
    SdkHttpRequest request = REQUESTS.get(0);
    assertThat(request.method()).isEqualTo(SdkHttpMethod.PUT);
    assertThat(request.encodedPath()).endsWith("/" + bucket + "/big/result.bin");
    assertThat(request.rawQueryParameters()).doesNotContainKeys("uploadId", "partNumber");
    // Over plain HTTP the SDK signs the body in chunks; the decoded length is the object's.
    assertThat(
            request
                .firstMatchingHeader("x-amz-decoded-content-length")
                .or(() -> request.firstMatchingHeader("Content-Length")))
        .contains(String.valueOf(content.length));
    assertThat(read(bucket, "big/result.bin")).isEqualTo(content);
  }

  @Test
  void putIntoAMissingBucketIsReportedAsSuch() {
    assertThatThrownBy(() -> store.put(MISSING_BUCKET, "a.csv", new byte[] {1}))
        .isInstanceOf(NoSuchBucketException.class)
        .hasMessage("bucket 'no-such-bucket' does not exist");
  }

  @Test
  void anUnreachableServerIsNamedWithTheObject() throws IOException {
    String closedEndpoint;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedEndpoint = "http://localhost:" + socket.getLocalPort();
    }
    try (S3ObjectStore unreachable = S3ObjectStore.create(settings(closedEndpoint))) {
      assertThatThrownBy(() -> unreachable.put(bucket, "a.csv", new byte[] {1}))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageStartingWith(
              "cannot write s3://" + bucket + "/a.csv at " + closedEndpoint + ": ");
      assertThatThrownBy(() -> unreachable.list(bucket, "plant/"))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageStartingWith(
              "cannot list s3://" + bucket + "/plant/ at " + closedEndpoint + ": ");
    }
  }

  @Test
  void withoutAnAccessKeyTheDefaultCredentialChainIsUsed() {
    VigilConfig.ObjectStoreSettings settings =
        new VigilConfig.ObjectStoreSettings("s3", "", "eu-west-1", false, "", "");
    try (S3ObjectStore aws = S3ObjectStore.create(settings)) {
      assertThat(aws).hasToString("S3ObjectStore[AWS S3 in eu-west-1]");
    }
  }
}
