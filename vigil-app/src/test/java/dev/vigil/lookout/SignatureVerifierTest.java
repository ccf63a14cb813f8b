package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.config.VigilConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lookoutequipment.LookoutEquipmentClient;

/**
 * SigV4 verification against requests the AWS SDK for Java signed itself: a stand-in server on
 * loopback records what the SDK sends, and the verifier judges the recorded request. (The SDK and
 * the AWS CLI also sign every request of the integration tests, which a real server verifies.)
 */
class SignatureVerifierTest {
  private static final String KEY_ID = "AKIASIGNATURETEST001";
  private static final String SECRET = "signature/Test+Secret0123456789abcdefghij";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final AtomicReference<SignatureVerifier.SignedRequest> recorded = new AtomicReference<>();
  private HttpServer standIn;

  @BeforeEach
  void startStandIn() throws IOException {
    standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    standIn.createContext(
        "/",
        exchange -> {
          Map<String, List<String>> headers = new HashMap<>();
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
          recorded.set(
              new SignatureVerifier.SignedRequest(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  exchange.getRequestURI().getRawQuery(),
                  headers,
                  exchange.getRequestBody().readAllBytes()));
          byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", LookoutEndpoint.CONTENT_TYPE);
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    standIn.start();
  }

  @AfterEach
  void stopStandIn() {
    standIn.stop(0);
  }

  /**
   * A request to ListDatasets as the SDK signs it with {@code secret}, in region {@code region}.
   */
  private SignatureVerifier.SignedRequest signedBySdk(String secret, String region) {
    try (LookoutEquipmentClient client =
        LookoutEquipmentClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + standIn.getAddress().getPort()))
            .region(Region.of(region))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, secret)))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      client.listDatasets(r -> r.datasetNameBeginsWith("pump").maxResults(5));
    }
    return recorded.get();
  }

  private static Clock at(SignatureVerifier.SignedRequest request, long offsetSeconds) {
    Instant signedAt = Instant.from(AMZ_DATE.parse(request.header("x-amz-date")));
    return Clock.fixed(signedAt.plusSeconds(offsetSeconds), ZoneOffset.UTC);
  }

  private static SignatureVerifier verifier(Clock clock) {
    return new SignatureVerifier(
        List.of(
            new VigilConfig.AccessKey("AKIAOTHERKEY00000000", "other", "someone-else"),
            new VigilConfig.AccessKey(KEY_ID, SECRET, "plant-team")),
        clock);
  }

  @Test
  void a_request_the_sdk_signed_with_a_configured_key_verifies_as_that_keys_principal() {
    SignatureVerifier.SignedRequest request = signedBySdk(SECRET, "eu-west-1");
    assertThat(request.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID);

    assertThat(verifier(at(request, 0)).verify(request).principal()).isEqualTo("plant-team");
    // The client's region is the one it signed for, whatever Vigil's region.
    SignatureVerifier.SignedRequest otherRegion = signedBySdk(SECRET, "ap-southeast-2");
    assertThat(verifier(at(otherRegion, 0)).verify(otherRegion).principal())
        .isEqualTo("plant-team");
  }

  @Test
  void a_request_changed_after_signing_or_signed_with_another_secret_is_denied() {
    SignatureVerifier.SignedRequest request = signedBySdk(SECRET, "eu-west-1");
    String mismatch =
        "the request signature does not match the one Vigil calculates for access key id '"
            + KEY_ID
            + "': check the secret access key and that nothing changed the request after it was"
            + " signed";
    SignatureVerifier.SignedRequest otherBody =
        new SignatureVerifier.SignedRequest(
            request.method(),
            request.rawPath(),
            request.rawQuery(),
            request.headers(),
            "{\"DatasetNameBeginsWith\":\"fan\"}".getBytes(StandardCharsets.UTF_8));
    // The SDK declares the body's hash in a signed header: a changed body does not match it.
    assertThatThrownBy(() -> verifier(at(request, 0)).verify(otherBody))
        .isInstanceOf(LookoutException.class)
        .hasMessage("the body's SHA-256 is not the one X-Amz-Content-Sha256 declares");
    Map<String, List<String>> undeclared = new HashMap<>(request.headers());
    undeclared.remove("x-amz-content-sha256");
    assertThatThrownBy(
            () ->
                verifier(at(request, 0))
                    .verify(
                        new SignatureVerifier.SignedRequest(
                            request.method(),
                            request.rawPath(),
                            request.rawQuery(),
                            undeclared,
                            otherBody.body())))
        .hasMessageStartingWith("the signature covers header 'x-amz-content-sha256'");

    Map<String, List<String>> otherTarget = new HashMap<>(request.headers());
    otherTarget.put("x-amz-target", List.of("AWSLookoutEquipmentFrontendService.DeleteDataset"));
    assertThatThrownBy(
            () ->
                verifier(at(request, 0))
                    .verify(
                        new SignatureVerifier.SignedRequest(
                            request.method(),
                            request.rawPath(),
                            request.rawQuery(),
                            otherTarget,
                            request.body())))
        .hasMessage(mismatch);

    SignatureVerifier.SignedRequest wrongSecret = signedBySdk("not-the-secret", "eu-west-1");
    assertThatThrownBy(() -> verifier(at(wrongSecret, 0)).verify(wrongSecret))
        .isInstanceOf(LookoutException.class)
        .hasMessage(mismatch)
        .extracting(e -> ((LookoutException) e).error())
        .isEqualTo(LookoutError.ACCESS_DENIED);
  }

  @Test
  void a_signature_more_than_15_minutes_from_the_wall_clock_is_denied() {
    SignatureVerifier.SignedRequest request = signedBySdk(SECRET, "eu-west-1");
    assertThat(verifier(at(request, 15 * 60)).verify(request).principal()).isEqualTo("plant-team");
    Instant signedAt = Instant.from(AMZ_DATE.parse(request.header("x-amz-date")));
    assertThatThrownBy(() -> verifier(at(request, 15 * 60 + 1)).verify(request))
        .hasMessage(
            "the signature was made at "
                + signedAt
                + ", more than 15 minutes from Vigil's time "
                + signedAt.plusSeconds(15 * 60 + 1)
                + ": check the client's clock and sign the request again");
    assertThatThrownBy(() -> verifier(at(request, -(15 * 60 + 1))).verify(request))
        .hasMessageStartingWith("the signature was made at " + signedAt + ", more than 15 minutes");
  }

  @Test
  void a_malformed_authorization_is_denied_with_what_is_wrong() {
    SignatureVerifier.SignedRequest request = signedBySdk(SECRET, "eu-west-1");
    SignatureVerifier verifier = verifier(at(request, 0));
    assertThatThrownBy(() -> verifier.verify(withAuthorization(request, "Basic dXNlcjpwYXNz")))
        .hasMessage(
            "the Authorization header must be an AWS4-HMAC-SHA256 signature (AWS Signature"
                + " Version 4)");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    withAuthorization(request, "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/x")))
        .hasMessage("the Authorization header must have Credential, SignedHeaders and Signature");
    String otherService = request.header("authorization").replace("/lookoutequipment/", "/s3/");
    assertThatThrownBy(() -> verifier.verify(withAuthorization(request, otherService)))
        .hasMessage(
            "the credential scope must end in /lookoutequipment/aws4_request, not /s3/aws4_request");
    String notHost = request.header("authorization").replace("host;", "");
    assertThatThrownBy(() -> verifier.verify(withAuthorization(request, notHost)))
        .hasMessage("the signature must cover the Host header");
  }

  private static SignatureVerifier.SignedRequest withAuthorization(
      SignatureVerifier.SignedRequest request, String authorization) {
    Map<String, List<String>> headers = new HashMap<>(request.headers());
    headers.put("authorization", List.of(authorization));
    return new SignatureVerifier.SignedRequest(
        request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
  }
}
