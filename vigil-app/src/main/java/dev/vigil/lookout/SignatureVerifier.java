package dev.vigil.lookout;

import dev.vigil.config.VigilConfig;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256} in the {@code Authorization} header)
 * against the configured access keys: the canonical request is rebuilt from the method, the path,
 * the query, the headers the client signed and the body's SHA-256, and its HMAC chain computed with
 * the key's secret and the credential scope the client chose. The scope's region is the client's,
 * whatever Vigil's region, so that clients keep theirs when only the endpoint changes; its service
 * must be {@code lookoutequipment}. A request more than {@value #MAX_SKEW_MINUTES} minutes away
 * from the wall clock is refused, as AWS does, which bounds replays.
 *
 * <p>The wall clock is its own: signatures carry the clients' real time, whatever clock runs
 * Vigil's schedules (tests move that one by hand).
 *
 * <p>Immutable and thread-safe.
 */
final class SignatureVerifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String SERVICE = "lookoutequipment";
  static final int MAX_SKEW_MINUTES = 15;

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final Map<String, VigilConfig.AccessKey> keys = new LinkedHashMap<>();
  private final Clock wallClock;

  SignatureVerifier(List<VigilConfig.AccessKey> accessKeys, Clock wallClock) {
    for (VigilConfig.AccessKey key : accessKeys) {
      keys.put(key.keyId(), key);
    }
    this.wallClock = wallClock;
  }

  /** A request as received: raw (still percent-encoded) path and query, headers by any case. */
  record SignedRequest(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    SignedRequest {
      Map<String, List<String>> lowerCase = new TreeMap<>();
      headers.forEach(
          (name, values) ->
              lowerCase
                  .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                  .addAll(values));
      headers = lowerCase;
    }

    String header(String lowerCaseName) {
      List<String> values = headers.get(lowerCaseName);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /**
   * The access key whose signature the request carries.
   *
   * @throws LookoutException an AccessDeniedException saying what is wrong with the signature
   */
  VigilConfig.AccessKey verify(SignedRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      throw LookoutException.accessDenied(
          "the request is not signed: sign it with AWS Signature Version 4 using one of the"
              + " access keys Vigil is configured with (lookout.access-keys)");
    }
    Authorization auth = Authorization.parse(authorization);
    VigilConfig.AccessKey key = keys.get(auth.keyId);
    if (key == null) {
      throw LookoutException.accessDenied(
          "the access key id '"
              + auth.keyId
              + "' is not one of the access keys Vigil is configured with (lookout.access-keys)");
    }
    if (!auth.service.equals(SERVICE) || !auth.terminator.equals("aws4_request")) {
      throw LookoutException.accessDenied(
          "the credential scope must end in /"
              + SERVICE
              + "/aws4_request, not /"
              + auth.service
              + "/"
              + auth.terminator);
    }
    String amzDate = request.header("x-amz-date");
    if (amzDate == null) {
      throw LookoutException.accessDenied(
          "the signed request has no X-Amz-Date header with the time of signing");
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw LookoutException.accessDenied(
          "X-Amz-Date '" + amzDate + "' is not a time such as 20260101T120000Z");
    }
    if (!amzDate.startsWith(auth.date)) {
      throw LookoutException.accessDenied(
          "the credential scope's date " + auth.date + " is not the date of X-Amz-Date " + amzDate);
    }
    Instant now = wallClock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(Duration.ofMinutes(MAX_SKEW_MINUTES)) > 0) {
      throw LookoutException.accessDenied(
          "the signature was made at "
              + signedAt
              + ", more than "
              + MAX_SKEW_MINUTES
              + " minutes from Vigil's time "
              + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              + ": check the client's clock and sign the request again");
    }
    if (!auth.signedHeaders.contains("host")) {
      throw LookoutException.accessDenied("the signature must cover the Host header");
    }
    String payloadHash = HEX.formatHex(sha256(request.body()));
    String declaredHash = request.header("x-amz-content-sha256");
    if (declaredHash != null
        && !declaredHash.equals("UNSIGNED-PAYLOAD")
        && !declaredHash.equalsIgnoreCase(payloadHash)) {
      throw LookoutException.accessDenied(
          "the body's SHA-256 is not the one X-Amz-Content-Sha256 declares");
    }
    String canonical = canonicalRequest(request, auth.signedHeaders, payloadHash);
    String scope = auth.date + "/" + auth.region + "/" + auth.service + "/" + auth.terminator;
    String stringToSign =
        ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(utf8(canonical)));
    byte[] signingKey = hmac(utf8("AWS4" + key.secret()), auth.date);
    signingKey = hmac(signingKey, auth.region);
    signingKey = hmac(signingKey, auth.service);
    signingKey = hmac(signingKey, auth.terminator);
    byte[] expected = hmac(signingKey, stringToSign);
    byte[] given;
    try {
      given = HEX.parseHex(auth.signature);
    } catch (IllegalArgumentException e) {
      given = new byte[0];
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw LookoutException.accessDenied(
          "the request signature does not match the one Vigil calculates for access key id '"
              + auth.keyId
              + "': check the secret access key and that nothing changed the request after it"
              + " was signed");
    }
    return key;
  }

  /** The canonical request of SigV4 for services other than S3. */
  static String canonicalRequest(SignedRequest request, List<String> signedHeaders, String hash) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(request.method()).append('\n');
    canonical.append(canonicalPath(request.rawPath())).append('\n');
    canonical.append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      List<String> values = request.headers().get(name);
      if (values == null) {
        throw LookoutException.accessDenied(
            "the signature covers header '" + name + "' that the request does not have");
      }
      List<String> trimmed = new ArrayList<>();
      for (String value : values) {
        trimmed.add(value.trim().replaceAll(" +", " "));
      }
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
    canonical.append(hash);
    return canonical.toString();
  }

  /** Each segment of the raw path encoded once more, as the SDKs do for services but S3. */
  private static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder path = new StringBuilder();
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        path.append('/');
      }
      path.append(encode(segments[i]));
    }
    return path.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>();
    for (String[] pair : pairs) {
      joined.add(pair[0] + "=" + pair[1]);
    }
    return String.join("&", joined);
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters. */
  static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : utf8(text)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        encoded.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }

  private static String decode(String text) {
    return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(utf8(data));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=...} header. */
  private record Authorization(
      String keyId,
      String date,
      String region,
      String service,
      String terminator,
      List<String> signedHeaders,
      String signature) {

    static Authorization parse(String header) {
      String value = header.trim();
      if (!value.startsWith(ALGORITHM + " ")) {
        throw LookoutException.accessDenied(
            "the Authorization header must be an "
                + ALGORITHM
                + " signature (AWS Signature Version 4)");
      }
      Map<String, String> parts = new TreeMap<>();
      for (String part : value.substring(ALGORITHM.length()).split(",")) {
        String trimmed = part.trim();
        int equals = trimmed.indexOf('=');
        if (equals > 0) {
          parts.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
      }
      String credential = parts.get("Credential");
      String signedHeaders = parts.get("SignedHeaders");
      String signature = parts.get("Signature");
      if (credential == null || signedHeaders == null || signature == null) {
        throw LookoutException.accessDenied(
            "the Authorization header must have Credential, SignedHeaders and Signature");
      }
      String[] scope = credential.split("/", -1);
      if (scope.length != 5) {
        throw LookoutException.accessDenied(
            "the credential '" + credential + "' must be KEY_ID/DATE/REGION/SERVICE/aws4_request");
      }
      return new Authorization(
          scope[0],
          scope[1],
          scope[2],
          scope[3],
          scope[4],
          List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";")),
          signature);
    }
  }
}
