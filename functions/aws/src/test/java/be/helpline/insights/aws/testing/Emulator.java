package be.helpline.insights.aws.testing;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.aws.storage.DynamoDbCampaignStore;
import be.helpline.insights.aws.storage.DynamoDbHttp;
import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.testing.MotoServer;
import java.net.URI;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Tables and buckets in an AWS emulator (moto by default) for integration tests, each with a fresh
 * name so tests never see each other's data. Key schemas follow template.yaml.
 */
public final class Emulator {
  public static final String REGION = "eu-west-1";

  private final URI endpoint;
  private final DynamoDbClient dynamoDb;
  private final DynamoDbHttp functionsDynamoDb;
  private final S3Client s3;

  private Emulator(URI endpoint) {
    System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "test"));
    System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "test"));
    this.endpoint = endpoint;
    this.dynamoDb = sdk(DynamoDbClient.builder()).build();
    this.functionsDynamoDb =
        new DynamoDbHttp(config(), AwsClients.Budget.BATCH, DynamoDbHttp.Retries.STANDARD);
    this.s3 =
        S3Client.builder()
            .region(Region.of(REGION))
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .httpClient(AwsClients.http(AwsClients.Budget.BATCH))
            .build();
  }

  public static Emulator moto() {
    return new Emulator(MotoServer.shared().endpoint());
  }

  public static Emulator at(URI endpoint) {
    return new Emulator(endpoint);
  }

  public URI endpoint() {
    return endpoint;
  }

  public AwsConfig config() {
    return new AwsConfig(REGION, endpoint);
  }

  /** The SDK's client, for tests to set up tables and read back what the functions wrote. */
  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  /** The functions' own DynamoDB client, for the stores under test. */
  public DynamoDbHttp functionsDynamoDb() {
    return functionsDynamoDb;
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B sdk(B builder) {
    return builder
        .httpClient(AwsClients.http(AwsClients.Budget.BATCH))
        .region(Region.of(REGION))
        .endpointOverride(endpoint);
  }

  public S3Client s3() {
    return s3;
  }

  /** The environment a function gets: region and endpoint, plus the given variables. */
  public Map<String, String> env(Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(variables);
    env.put("AWS_REGION", REGION);
    env.put("AWS_ENDPOINT_URL", endpoint.toString());
    return env;
  }

  /** A new table with the pk/sk key schema every table of template.yaml has. */
  public String newTable(String prefix) {
    String name = prefix + "-" + UUID.randomUUID();
    dynamoDb.createTable(
        create ->
            create
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName("sk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    return name;
  }

  /**
   * A new campaigns table holding the campaign the events of {@code events/} name: spring20, from 1
   * April to 19 May 2020, landing on https://stopitnow.example/, creative c1.
   */
  public String newCampaignsWithSpring20() {
    String table = newTable("campaigns");
    new DynamoDbCampaignStore(functionsDynamoDb, table)
        .save(
            new Campaign(
                "spring20",
                "Voorjaarscampagne 2020",
                LocalDate.parse("2020-04-01"),
                LocalDate.parse("2020-05-19"),
                "https://stopitnow.example/",
                new LinkedHashMap<>(Map.of("c1", "Kijk uit wat je kijkt!"))));
    return table;
  }

  /** A new symmetric KMS key (what REFERRAL_CODE_KEY names); its key id. */
  public String newKey() {
    try (KmsClient kms = sdk(KmsClient.builder()).build()) {
      return kms.createKey(create -> create.description("referral codes")).keyMetadata().keyId();
    }
  }

  public String newBucket() {
    String name = "snapshots-" + UUID.randomUUID();
    s3.createBucket(
        create ->
            create
                .bucket(name)
                .createBucketConfiguration(config -> config.locationConstraint(REGION)));
    return name;
  }

  public ResponseBytes<GetObjectResponse> object(String bucket, String key) {
    return s3.getObjectAsBytes(get -> get.bucket(bucket).key(key));
  }
}
