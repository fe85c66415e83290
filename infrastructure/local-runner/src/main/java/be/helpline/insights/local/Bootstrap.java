package be.helpline.insights.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * Creates the tables, buckets and KMS keys that the template declares at the emulator,
 * idempotently: what is already there is kept as it is. Tables get their keys, attribute
 * definitions, indexes, PAY_PER_REQUEST billing and TTL; buckets their versioning.
 */
final class Bootstrap {
  private final DynamoDbClient dynamoDb;
  private final S3Client s3;
  private final Region region;

  Bootstrap(DynamoDbClient dynamoDb, S3Client s3, Region region) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
    this.region = region;
  }

  /** The names of the tables created now (those that already existed are not listed). */
  List<String> createTables(Template template) {
    List<String> created = new ArrayList<>();
    for (String id : template.logicalIdsOfType("AWS::DynamoDB::Table")) {
      String name = template.physicalName(id);
      Map<String, Object> properties = template.properties(id);
      try {
        dynamoDb.createTable(tableRequest(name, properties));
        created.add(name);
      } catch (ResourceInUseException exists) {
        continue;
      }
      dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(name));
      Map<String, Object> ttl = Template.mapping(properties.get("TimeToLiveSpecification"));
      if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
        dynamoDb.updateTimeToLive(
            request ->
                request
                    .tableName(name)
                    .timeToLiveSpecification(
                        spec ->
                            spec.attributeName(String.valueOf(ttl.get("AttributeName")))
                                .enabled(true)));
      }
    }
    return created;
  }

  /** The names of the buckets created now. */
  List<String> createBuckets(Template template) {
    List<String> created = new ArrayList<>();
    for (String id : template.logicalIdsOfType("AWS::S3::Bucket")) {
      String name = template.physicalName(id);
      CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(name);
      if (!region.equals(Region.US_EAST_1)) {
        request.createBucketConfiguration(
            configuration ->
                configuration.locationConstraint(BucketLocationConstraint.fromValue(region.id())));
      }
      try {
        s3.createBucket(request.build());
        created.add(name);
      } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException exists) {
        continue;
      }
      Map<String, Object> versioning =
          Template.mapping(template.properties(id).get("VersioningConfiguration"));
      if ("Enabled".equals(versioning.get("Status"))) {
        s3.putBucketVersioning(
            put ->
                put.bucket(name)
                    .versioningConfiguration(
                        configuration -> configuration.status(BucketVersioningStatus.ENABLED)));
      }
    }
    return created;
  }

  /**
   * A symmetric key for each AWS::KMS::Key, under the alias {@code alias/<LogicalId>} that {@code
   * Ref} resolves to locally; a key already there is kept (its sealed data stays readable).
   */
  static void createKeys(KmsClient kms, Template template) {
    for (String id : template.logicalIdsOfType("AWS::KMS::Key")) {
      String alias = template.physicalName(id);
      boolean exists =
          kms.listAliasesPaginator().aliases().stream()
              .anyMatch(existing -> existing.aliasName().equals(alias));
      if (!exists) {
        String keyId =
            kms.createKey(create -> create.description(id + " (local)")).keyMetadata().keyId();
        kms.createAlias(create -> create.aliasName(alias).targetKeyId(keyId));
      }
    }
  }

  static CreateTableRequest tableRequest(String name, Map<String, Object> properties) {
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .keySchema(keySchema(properties.get("KeySchema")))
            .attributeDefinitions(
                list(properties.get("AttributeDefinitions")).stream()
                    .map(Template::mapping)
                    .map(
                        definition ->
                            AttributeDefinition.builder()
                                .attributeName(String.valueOf(definition.get("AttributeName")))
                                .attributeType(String.valueOf(definition.get("AttributeType")))
                                .build())
                    .toList());
    List<GlobalSecondaryIndex> globalIndexes =
        list(properties.get("GlobalSecondaryIndexes")).stream()
            .map(Template::mapping)
            .map(
                index ->
                    GlobalSecondaryIndex.builder()
                        .indexName(String.valueOf(index.get("IndexName")))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(projection(index.get("Projection")))
                        .build())
            .toList();
    if (!globalIndexes.isEmpty()) {
      request.globalSecondaryIndexes(globalIndexes);
    }
    List<LocalSecondaryIndex> localIndexes =
        list(properties.get("LocalSecondaryIndexes")).stream()
            .map(Template::mapping)
            .map(
                index ->
                    LocalSecondaryIndex.builder()
                        .indexName(String.valueOf(index.get("IndexName")))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(projection(index.get("Projection")))
                        .build())
            .toList();
    if (!localIndexes.isEmpty()) {
      request.localSecondaryIndexes(localIndexes);
    }
    Map<String, Object> sse = Template.mapping(properties.get("SSESpecification"));
    if (Boolean.parseBoolean(String.valueOf(sse.get("SSEEnabled")))) {
      request.sseSpecification(SSESpecification.builder().enabled(true).build());
    }
    return request.build();
  }

  private static List<KeySchemaElement> keySchema(Object value) {
    return list(value).stream()
        .map(Template::mapping)
        .map(
            key ->
                KeySchemaElement.builder()
                    .attributeName(String.valueOf(key.get("AttributeName")))
                    .keyType(String.valueOf(key.get("KeyType")))
                    .build())
        .toList();
  }

  private static Projection projection(Object value) {
    Map<String, Object> projection = Template.mapping(value);
    Projection.Builder builder =
        Projection.builder()
            .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
    List<?> attributes = list(projection.get("NonKeyAttributes"));
    if (!attributes.isEmpty()) {
      builder.nonKeyAttributes(attributes.stream().map(String::valueOf).toList());
    }
    return builder.build();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }
}
