package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The project's template.yaml keeps the conventions the local runner, SAM and the SPEC rely on. */
class TemplateTest {
  private static final Path ROOT = LocalRunner.projectRoot();
  private static final Template TEMPLATE = Template.load(ROOT, "eu-west-1");
  private static final Pattern CODE_URI =
      Pattern.compile("functions/([a-z0-9-]+)/target/\\1\\.jar");

  private static final Set<String> PUBLIC_ROUTES =
      Set.of(
          "GET /c/{campaignId}/{creativeId}",
          "HEAD /c/{campaignId}/{creativeId}",
          "POST /v1/beacons");
  private static final Set<String> STAFF_ROUTES =
      Set.of(
          "GET /v1/vocabulary",
          "POST /v1/registrations",
          "GET /v1/registrations/{id}",
          "PUT /v1/registrations/{id}",
          "DELETE /v1/registrations/{id}",
          "PUT /v1/referrals/{code}/outcome",
          "PUT /v1/campaigns/{id}",
          "GET /v1/campaigns",
          "PUT /v1/campaigns/{id}/impressions");

  @Test
  void functions_nameHandlersWithTheLocalCompositionRoot() throws Exception {
    assertThat(TEMPLATE.functions()).isNotEmpty();
    for (Template.Function function : TEMPLATE.functions()) {
      Class<?> handler = Class.forName(function.handlerClass());
      assertThat(RequestStreamHandler.class.isAssignableFrom(handler))
          .as("%s implements RequestStreamHandler", handler.getName())
          .isTrue();
      assertThat(Modifier.isPublic(handler.getConstructor(Map.class, Clock.class).getModifiers()))
          .as("%s has a public (Map, Clock) constructor", handler.getName())
          .isTrue();
      assertThat(function.handlerMethod()).isEqualTo("handleRequest");
    }
  }

  @Test
  void referralCodeKey_onlyTheRegistrationFunctionsRoleCanUseIt() {
    // SPEC privacy rule 10: the key that seals referral codes is usable by one role only.
    assertThat(TEMPLATE.logicalIdsOfType("AWS::KMS::Key"))
        .containsExactlyInAnyOrder("ReferralCodeKey", "OperationsKey");
    Map<String, Object> properties =
        Template.mapping(TEMPLATE.resources().get("ReferralCodeKey").get("Properties"));
    assertThat(properties.get("EnableKeyRotation")).isEqualTo(true);
    Set<String> useActions =
        Set.of(
            "kms:Encrypt",
            "kms:Decrypt",
            "kms:ReEncryptFrom",
            "kms:ReEncryptTo",
            "kms:GenerateDataKey",
            "kms:GenerateDataKeyWithoutPlaintext",
            "kms:CreateGrant");
    List<?> statements = (List<?>) Template.mapping(properties.get("KeyPolicy")).get("Statement");
    Map<String, Set<String>> usersOfTheKey = new java.util.TreeMap<>();
    for (Object one : statements) {
      Map<String, Object> statement = Template.mapping(one);
      assertThat(statement.get("Effect")).isEqualTo("Allow");
      Object action = statement.get("Action");
      List<String> actions =
          (action instanceof List<?> many ? many : List.of(action))
              .stream().map(String::valueOf).toList();
      assertThat(actions).as("no wildcard actions").noneMatch(name -> name.contains("*"));
      Set<String> uses = new java.util.TreeSet<>(actions);
      uses.retainAll(useActions);
      if (!uses.isEmpty()) {
        usersOfTheKey.put(
            String.valueOf(Template.mapping(statement.get("Principal")).get("AWS")), uses);
      }
    }
    assertThat(usersOfTheKey).hasSize(1);
    assertThat(usersOfTheKey.keySet().iterator().next()).contains("RegistrationFunctionRole");
    assertThat(usersOfTheKey.values().iterator().next())
        .containsExactlyInAnyOrder("kms:Encrypt", "kms:Decrypt");
    // No function's own policy reaches for KMS, and only the registration function is told the key.
    for (Template.Function function : TEMPLATE.functions()) {
      assertThat(String.valueOf(TEMPLATE.properties(function.logicalId()).get("Policies")))
          .as(function.logicalId())
          .doesNotContain("kms:");
      assertThat(function.environment().containsKey("REFERRAL_CODE_KEY"))
          .as(function.logicalId())
          .isEqualTo(function.logicalId().equals("RegistrationFunction"));
    }
  }

  @Test
  void operationsKey_encryptsLogsAndEnvironments_andFunctionsMayOnlyDecryptThroughLambda() {
    Map<String, Object> properties =
        Template.mapping(TEMPLATE.resources().get("OperationsKey").get("Properties"));
    assertThat(properties.get("EnableKeyRotation")).isEqualTo(true);
    for (String logGroup : TEMPLATE.logicalIdsOfType("AWS::Logs::LogGroup")) {
      assertThat(String.valueOf(TEMPLATE.properties(logGroup).get("KmsKeyId")))
          .as(logGroup)
          .contains("OperationsKey");
    }
    for (Object one : (List<?>) Template.mapping(properties.get("KeyPolicy")).get("Statement")) {
      Map<String, Object> statement = Template.mapping(one);
      String principal = String.valueOf(statement.get("Principal"));
      if (principal.contains("FunctionRole")) {
        // Only Decrypt, only as Lambda decrypts the environment at start: no code of a function
        // can use this key directly.
        assertThat(statement.get("Action")).isEqualTo("kms:Decrypt");
        assertThat(String.valueOf(statement.get("Condition")))
            .contains("kms:ViaService")
            .contains("lambda.");
      } else if (principal.contains("logs.")) {
        assertThat(String.valueOf(statement.get("Condition")))
            .contains("kms:EncryptionContext:aws:logs:arn");
      } else {
        assertThat(principal).contains(":root");
      }
    }
  }

  @Test
  void functions_codeUriIsAModuleThatSamBuildsWithItsMakefile() throws Exception {
    for (String id : TEMPLATE.logicalIdsOfType("AWS::Serverless::Function")) {
      String codeUri = String.valueOf(TEMPLATE.properties(id).get("CodeUri"));
      assertThat(codeUri).as(id).matches("functions/[a-z0-9-]+");
      Map<String, Object> metadata = Template.mapping(TEMPLATE.resources().get(id).get("Metadata"));
      assertThat(metadata.get("BuildMethod")).as(id).isEqualTo("makefile");
      assertThat(java.nio.file.Files.readString(ROOT.resolve(codeUri).resolve("Makefile")))
          .as("%s's Makefile", id)
          .contains("build-" + id + ":");
    }
  }

  @Test
  void functions_codeUriIsTheJarOfAnExistingModule() {
    for (Template.Function function : TEMPLATE.functions()) {
      Matcher matcher = CODE_URI.matcher(function.codeUri());
      assertThat(matcher.matches())
          .as("%s CodeUri %s", function.logicalId(), function.codeUri())
          .isTrue();
      assertThat(ROOT.resolve("functions").resolve(matcher.group(1)).resolve("pom.xml"))
          .as("module of %s", function.logicalId())
          .isRegularFile();
    }
  }

  @Test
  void routes_publicOnesHaveNoAuthorizerAndStaffOnesTheJwtAuthorizer() {
    Map<String, Template.Route> routes =
        TEMPLATE.functions().stream()
            .flatMap(function -> function.routes().stream())
            .collect(Collectors.toMap(Template.Route::routeKey, route -> route));
    Template.Api api = TEMPLATE.api();

    assertThat(routes.keySet()).containsAll(PUBLIC_ROUTES).containsAll(STAFF_ROUTES);
    for (String key : PUBLIC_ROUTES) {
      assertThat(routes.get(key).authorizer()).as("authorizer of %s", key).isNull();
    }
    for (String key : STAFF_ROUTES) {
      assertThat(routes.get(key).authorizer()).as("authorizer of %s", key).isNotNull();
      Template.Authorizer authorizer = api.authorizers().get(routes.get(key).authorizer());
      assertThat(authorizer).as("JWT authorizer of %s", key).isNotNull();
      assertThat(authorizer.identitySource()).isEqualTo("$request.header.Authorization");
      assertThat(authorizer.issuer()).startsWith("https://cognito-idp.eu-west-1.amazonaws.com/");
      assertThat(authorizer.audiences()).isNotEmpty();
    }
  }

  @Test
  void userPoolGroups_areTheStaffRoles() {
    assertThat(
            TEMPLATE.logicalIdsOfType("AWS::Cognito::UserPoolGroup").stream()
                .map(id -> TEMPLATE.properties(id).get("GroupName")))
        .containsExactlyInAnyOrder("responder", "coordinator", "centre", "analyst");
  }

  @Test
  void accessLogFormat_leavesOutAddressesUserAgentsAndPaths() {
    String format = TEMPLATE.api().accessLogFormat();

    assertThat(format).contains("$context.requestId");
    assertThat(format).doesNotContain("sourceIp", "userAgent", "$context.path");
  }

  @Test
  void tables_arePayPerRequestWithRecoveryAndEncryption() {
    List<String> tables = TEMPLATE.logicalIdsOfType("AWS::DynamoDB::Table");
    assertThat(tables).isNotEmpty();
    for (String id : tables) {
      Map<String, Object> properties = TEMPLATE.properties(id);
      assertThat(properties.get("BillingMode"))
          .as("%s BillingMode", id)
          .isEqualTo("PAY_PER_REQUEST");
      assertThat(
              Template.mapping(properties.get("PointInTimeRecoverySpecification"))
                  .get("PointInTimeRecoveryEnabled"))
          .as("%s point-in-time recovery", id)
          .isEqualTo(true);
      assertThat(Template.mapping(properties.get("SSESpecification")).get("SSEEnabled"))
          .as("%s SSE", id)
          .isEqualTo(true);
    }
  }

  @Test
  void countersTable_expiresItemsWithTtl() {
    Set<String> countersTables =
        TEMPLATE.functions().stream()
            .map(function -> function.environment().get("COUNTERS_TABLE"))
            .filter(name -> name != null)
            .collect(Collectors.toSet());
    assertThat(countersTables).hasSize(1);
    String id =
        TEMPLATE.logicalIdsOfType("AWS::DynamoDB::Table").stream()
            .filter(table -> countersTables.contains(TEMPLATE.physicalName(table)))
            .findFirst()
            .orElseThrow();

    Map<String, Object> ttl =
        Template.mapping(TEMPLATE.properties(id).get("TimeToLiveSpecification"));
    assertThat(ttl.get("Enabled")).isEqualTo(true);
    assertThat(ttl.get("AttributeName")).isInstanceOf(String.class);
  }

  @Test
  void snapshotBucket_blocksPublicAccessAndDeniesPlainHttp() {
    List<String> buckets = TEMPLATE.logicalIdsOfType("AWS::S3::Bucket");
    assertThat(buckets).isNotEmpty();
    for (String id : buckets) {
      assertThat(Template.mapping(TEMPLATE.properties(id).get("PublicAccessBlockConfiguration")))
          .as("%s public access block", id)
          .containsEntry("BlockPublicAcls", true)
          .containsEntry("BlockPublicPolicy", true)
          .containsEntry("IgnorePublicAcls", true)
          .containsEntry("RestrictPublicBuckets", true);

      String name = TEMPLATE.physicalName(id);
      String arn = "arn:aws:s3:::" + name;
      boolean deniesPlainHttp =
          TEMPLATE.logicalIdsOfType("AWS::S3::BucketPolicy").stream()
              .map(TEMPLATE::properties)
              .filter(policy -> name.equals(policy.get("Bucket")))
              .flatMap(
                  policy ->
                      ((List<?>) Template.mapping(policy.get("PolicyDocument")).get("Statement"))
                          .stream())
              .map(Template::mapping)
              .anyMatch(
                  statement ->
                      "Deny".equals(statement.get("Effect"))
                          && "false"
                              .equals(
                                  String.valueOf(
                                      Template.mapping(
                                              Template.mapping(statement.get("Condition"))
                                                  .get("Bool"))
                                          .get("aws:SecureTransport")))
                          && resources(statement).containsAll(List.of(arn, arn + "/*")));
      assertThat(deniesPlainHttp).as("%s policy denies aws:SecureTransport false", id).isTrue();
    }
  }

  private static List<String> resources(Map<String, Object> statement) {
    Object resource = statement.get("Resource");
    return resource instanceof List<?> list
        ? list.stream().map(String::valueOf).toList()
        : List.of(String.valueOf(resource));
  }

  @Test
  void releaseCalendar_registrationAndAggregatorAreGivenTheSameDays() {
    // The registration function refuses changes to what the aggregator releases: one calendar.
    Map<String, Map<String, String>> environments =
        TEMPLATE.functions().stream()
            .collect(
                Collectors.toMap(Template.Function::logicalId, Template.Function::environment));

    for (String function : List.of("RegistrationFunction", "AggregatorFunction")) {
      assertThat(environments.get(function))
          .as("%s environment", function)
          .containsEntry("AMENDMENT_WINDOW_DAYS", "30")
          .containsEntry("REFERRAL_OUTCOME_DAYS", "90");
    }
  }

  @Test
  void localParameters_coverEveryParameterWithoutDefault() throws Exception {
    Map<String, Object> parameters =
        Template.mapping(
            YamlReader.readMapping(Files.readString(ROOT.resolve("template.yaml")))
                .get("Parameters"));
    String local = Files.readString(ROOT.resolve(Template.PARAMETERS_FILE));
    parameters.forEach(
        (name, declaration) -> {
          if (!Template.mapping(declaration).containsKey("Default")) {
            assertThat(local).as("local value of %s", name).contains("\"" + name + "\"");
          }
        });
  }
}
