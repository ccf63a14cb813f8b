package dev.vigil.objectstore;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.data.InvalidDataException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The object store on any S3-compatible service (AWS S3, MinIO, Ceph, ...), through the AWS SDK for
 * Java v2 with its {@code HttpURLConnection}-based HTTP client: no extra transitive dependencies in
 * the shaded jar, and plenty for Vigil's traffic (sequential reads of input files, whole-object
 * writes of results).
 *
 * <p>Semantics are those of {@link FolderObjectStore}: keys are checked by {@link ObjectKeys}
 * before any request, listings are complete (every page is fetched) and in key order, a missing
 * object or bucket is reported as {@link NoSuchObjectException} or {@link NoSuchBucketException},
 * writes are one {@code PutObject} of the whole content (S3 makes an object visible only once its
 * upload is complete, so a reader never sees part of it) and deletes are idempotent. Two
 * differences remain, both from S3 itself: {@link #put} into a bucket that does not exist fails
 * with {@link NoSuchBucketException} (the folder store creates the folder), and an object key is
 * stored exactly as given, where the folder store's file system folds repeated slashes.
 *
 * <p>Thread-safe: the SDK client is. {@link #close()} releases its connections.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
  private final S3Client client;
  private final String endpoint;

  private S3ObjectStore(S3Client client, String endpoint) {
    this.client = client;
    this.endpoint = endpoint;
  }

  /**
   * A store talking to {@code settings.endpoint()} (AWS's regional endpoint when empty) in {@code
   * settings.region()}, with path-style addressing when {@code settings.pathStyleAccess()}, and the
   * static key pair when {@code settings.accessKeyId()} is set, else the SDK's default credential
   * chain (environment, profile, container and instance roles). No request is sent here.
   */
  public static S3ObjectStore create(VigilConfig.ObjectStoreSettings settings) {
    return create(settings, List.of());
  }

  /** As {@link #create(VigilConfig.ObjectStoreSettings)}, observing requests with interceptors. */
  static S3ObjectStore create(
      VigilConfig.ObjectStoreSettings settings, List<ExecutionInterceptor> interceptors) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyleAccess())
            .credentialsProvider(credentials(settings))
            .overrideConfiguration(
                override -> interceptors.forEach(override::addExecutionInterceptor));
    String endpoint = settings.endpoint();
    if (!endpoint.isEmpty()) {
      // Many S3-compatible stores do not accept the SDK's default trailing CRC checksums; the
      // body's length is still sent and checked, and plain MD5/ETag integrity still applies.
      builder
          .endpointOverride(URI.create(endpoint))
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return new S3ObjectStore(
        builder.build(), endpoint.isEmpty() ? "AWS S3 in " + settings.region() : endpoint);
  }

  private static AwsCredentialsProvider credentials(VigilConfig.ObjectStoreSettings settings) {
    if (settings.accessKeyId().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
  }

  @Override
  public List<ObjectInfo> list(String bucket, String prefix) {
    return list(bucket, prefix, false, key -> true);
  }

  /** Lists with S3's delimiter: the objects of sub-folders are not even listed. */
  @Override
  public List<ObjectInfo> listFolder(String bucket, String folder, Predicate<String> wanted) {
    ObjectKeys.requireFolder(folder);
    return list(bucket, folder, true, wanted);
  }

  private List<ObjectInfo> list(
      String bucket, String prefix, boolean folderOnly, Predicate<String> wanted) {
    ObjectKeys.requireValidBucket(bucket);
    ObjectKeys.requireSafeKey(prefix);
    List<ObjectInfo> objects = new ArrayList<>();
    try {
      String continuationToken = null;
      do {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket);
        if (!prefix.isEmpty()) {
          request.prefix(prefix);
        }
        if (folderOnly) {
          request.delimiter("/");
        }
        if (continuationToken != null) {
          request.continuationToken(continuationToken);
        }
        ListObjectsV2Response page = client.listObjectsV2(request.build());
        for (S3Object object : page.contents()) {
          if (!wanted.test(object.key())) {
            continue;
          }
          objects.add(
              new ObjectInfo(
                  object.key(),
                  object.size() == null ? 0 : object.size(),
                  object.lastModified() == null ? 0 : object.lastModified().toEpochMilli(),
                  object.eTag() + "/" + object.size() + "/" + object.lastModified()));
        }
        continuationToken =
            Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (continuationToken != null);
    } catch (SdkException e) {
      throw failure("list", bucket, prefix, e);
    }
    // S3 orders by UTF-8 bytes; the folder store by Java string. They differ only past U+FFFF.
    objects.sort(Comparator.comparing(ObjectInfo::key));
    return objects;
  }

  @Override
  public InputStream open(String bucket, String key) {
    requireObjectKey(bucket, key);
    try {
      return client.getObject(request -> request.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw new NoSuchObjectException(bucket, key);
    } catch (SdkException e) {
      throw failure("read", bucket, key, e);
    }
  }

  @Override
  public void put(String bucket, String key, byte[] content) {
    requireObjectKey(bucket, key);
    try {
      client.putObject(
          request -> request.bucket(bucket).key(key).contentLength((long) content.length),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw failure("write", bucket, key, e);
    }
  }

  @Override
  public void delete(String bucket, String key) {
    requireObjectKey(bucket, key);
    try {
      client.deleteObject(request -> request.bucket(bucket).key(key));
    } catch (S3Exception e) {
      if (!isMissingBucket(e)) {
        throw failure("delete", bucket, key, e);
      }
      // No bucket, so no object: as with the folder store, there is nothing to delete.
    } catch (SdkException e) {
      throw failure("delete", bucket, key, e);
    }
  }

  /** Releases the HTTP client. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStore[" + endpoint + "]";
  }

  /** The folder store's checks, in its order: key shape, then folder-like keys, then bucket. */
  private static void requireObjectKey(String bucket, String key) {
    ObjectKeys.requireSafeKey(key);
    if (key.isEmpty() || key.endsWith("/")) {
      throw new InvalidDataException("key '" + key + "' names a folder, not an object");
    }
    ObjectKeys.requireValidBucket(bucket);
  }

  private ObjectStoreException failure(
      String action, String bucket, String key, SdkException error) {
    if (error instanceof S3Exception s3Error && isMissingBucket(s3Error)) {
      return new NoSuchBucketException(bucket);
    }
    return new ObjectStoreException(
        "cannot "
            + action
            + " "
            + describe(bucket, key)
            + " at "
            + endpoint
            + ": "
            + error.getMessage(),
        error);
  }

  private static boolean isMissingBucket(S3Exception error) {
    return error instanceof software.amazon.awssdk.services.s3.model.NoSuchBucketException
        || (error.awsErrorDetails() != null
            && "NoSuchBucket".equals(error.awsErrorDetails().errorCode()));
  }
}
