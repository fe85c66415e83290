package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Each function's IAM policy in template.yaml grants exactly the DynamoDB and S3 actions its code
 * calls: the calls are found by walking the code from the handler class (every method and
 * constructor it can reach, an interface call reaching every implementation in the project), and
 * every call on an SDK client ({@code DynamoDbClient}, {@code S3Client}) or a request the project
 * signs itself ({@code SIGNED_REQUESTS}) names its action.
 */
class LeastPrivilegeTest {
  private static final Template TEMPLATE = Template.load(LocalRunner.projectRoot(), "eu-west-1");

  /** The project's main classes (no test doubles: they would widen interface calls). */
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(
              location ->
                  !location.contains("/test-classes/")
                      && !location.contains("-tests.jar")
                      && !location.contains("/local-runner/"))
          .importPackages("be.helpline.insights");

  private static final Map<String, String> SERVICES =
      Map.of(
          "software.amazon.awssdk.services.dynamodb.DynamoDbClient", "dynamodb",
          "software.amazon.awssdk.services.s3.S3Client", "s3");

  /**
   * IAM has no action for a transaction: it authorises each item's own (PutItem, UpdateItem, …),
   * which the code names when it builds the item.
   */
  private static final String TRANSACTION_ITEM =
      "software.amazon.awssdk.services.dynamodb.model.TransactWriteItem$Builder";

  private static final Map<String, String> TRANSACTION_ITEM_ACTIONS =
      Map.of(
          "put", "dynamodb:PutItem",
          "update", "dynamodb:UpdateItem",
          "delete", "dynamodb:DeleteItem",
          "conditionCheck", "dynamodb:ConditionCheckItem");

  /**
   * Project classes that send requests themselves rather than through an SDK client, each method
   * (or constructor) with the action its request needs: the snapshot store's S3 requests, the
   * referral-code seal's KMS requests and the functions' DynamoDB client. A transaction needs no
   * action of its own: IAM authorises each of its items (PutItem, UpdateItem), named where the item
   * is built.
   */
  private static final Map<String, Map<String, String>> SIGNED_REQUESTS =
      Map.of(
          "be.helpline.insights.aws.storage.S3SnapshotStore",
          Map.of(
              "put",
              "s3:PutObject",
              "putIfUnchanged",
              "s3:PutObject",
              "get",
              "s3:GetObject",
              "getVersioned",
              "s3:GetObject"),
          "be.helpline.insights.aws.storage.KmsReferralCodeSeal",
          Map.of("seal", "kms:Encrypt", "open", "kms:Decrypt"),
          "be.helpline.insights.aws.storage.DynamoDbHttp",
          Map.of(
              "getItem", "dynamodb:GetItem",
              "putItem", "dynamodb:PutItem",
              "updateItem", "dynamodb:UpdateItem",
              "updateItemOrReadOld", "dynamodb:UpdateItem",
              "query", "dynamodb:Query",
              "scan", "dynamodb:Scan",
              "batchPut", "dynamodb:BatchWriteItem"),
          "be.helpline.insights.aws.storage.DynamoDbHttp$Put",
          Map.of("<init>", "dynamodb:PutItem"),
          "be.helpline.insights.aws.storage.DynamoDbHttp$Update",
          Map.of("<init>", "dynamodb:UpdateItem"));

  /** Actions a SAM policy template grants (as the SAM policy templates define them). */
  private static final Map<String, List<String>> SAM_POLICY_TEMPLATES =
      Map.of(
          "DynamoDBReadPolicy",
          List.of(
              "dynamodb:GetItem",
              "dynamodb:Scan",
              "dynamodb:Query",
              "dynamodb:BatchGetItem",
              "dynamodb:DescribeTable"),
          "DynamoDBCrudPolicy",
          List.of(
              "dynamodb:GetItem",
              "dynamodb:DeleteItem",
              "dynamodb:PutItem",
              "dynamodb:Scan",
              "dynamodb:Query",
              "dynamodb:UpdateItem",
              "dynamodb:BatchWriteItem",
              "dynamodb:BatchGetItem",
              "dynamodb:DescribeTable",
              "dynamodb:ConditionCheckItem"));

  /** Client methods that send no request. */
  private static final Set<String> NOT_REQUESTS =
      Set.of(
          "builder", "create", "close", "serviceName", "serviceClientConfiguration", "utilities");

  /**
   * Granted without a call of their own, each for a reason: with ListBucket, S3 answers a missing
   * key (the ledger before the first release) with 404 instead of 403.
   */
  private static final Set<String> WITHOUT_A_CALL = Set.of("s3:ListBucket");

  @Test
  void everyFunction_isGrantedExactlyTheActionsItsCodeCalls() {
    assertThat(TEMPLATE.functions()).hasSize(4);
    SoftAssertions softly = new SoftAssertions();
    for (Template.Function function : TEMPLATE.functions()) {
      Set<String> called = calledActions(CLASSES.get(function.handlerClass()));
      Set<String> granted = grantedActions(function.logicalId());
      Set<String> expected = new TreeSet<>(called);
      granted.stream().filter(WITHOUT_A_CALL::contains).forEach(expected::add);
      System.out.printf("%s calls %s%n", function.logicalId(), called);

      softly.assertThat(granted).as("%s's policy", function.logicalId()).isEqualTo(expected);
    }
    softly.assertAll();
  }

  /** The AWS actions of every SDK call reachable from the handler class. */
  private static Set<String> calledActions(JavaClass handler) {
    Set<String> actions = new TreeSet<>();
    Set<JavaCodeUnit> seen = new HashSet<>();
    Deque<JavaCodeUnit> queue = new ArrayDeque<>();
    for (JavaClass type = handler;
        type != null && type.getName().startsWith("be.helpline.insights");
        type = type.getRawSuperclass().orElse(null)) {
      queue.addAll(type.getCodeUnits());
    }
    while (!queue.isEmpty()) {
      JavaCodeUnit unit = queue.poll();
      if (!seen.add(unit)) {
        continue;
      }
      String signed =
          SIGNED_REQUESTS.getOrDefault(unit.getOwner().getName(), Map.of()).get(unit.getName());
      if (signed != null) {
        actions.add(signed);
      }
      Set<JavaCodeUnitAccess<?>> accesses = new HashSet<>();
      accesses.addAll(unit.getMethodCallsFromSelf());
      accesses.addAll(unit.getConstructorCallsFromSelf());
      accesses.addAll(unit.getMethodReferencesFromSelf());
      accesses.addAll(unit.getConstructorReferencesFromSelf());
      for (JavaCodeUnitAccess<?> access : accesses) {
        CodeUnitAccessTarget target = access.getTarget();
        String owner = target.getOwner().getName();
        String service = SERVICES.get(owner);
        if (service != null && !NOT_REQUESTS.contains(target.getName())) {
          if (!target.getName().equals("transactWriteItems")) {
            actions.add(service + ":" + action(target.getName()));
          }
        } else if (owner.equals(TRANSACTION_ITEM)
            && TRANSACTION_ITEM_ACTIONS.containsKey(target.getName())) {
          actions.add(TRANSACTION_ITEM_ACTIONS.get(target.getName()));
        } else if (owner.startsWith("be.helpline.insights")) {
          queue.addAll(implementations(handler, target));
        }
      }
    }
    return actions;
  }

  /**
   * The code units a call can run: the target and, on an interface or class, every override; a call
   * on a class the handler extends (its own {@code handle}, say) runs the handler's own.
   */
  private static List<JavaCodeUnit> implementations(
      JavaClass handler, CodeUnitAccessTarget target) {
    JavaClass owner = target.getOwner();
    boolean onItself = handler.isAssignableTo(owner.getName());
    return CLASSES.stream()
        .filter(type -> type.isAssignableTo(owner.getName()))
        .filter(type -> !onItself || handler.isAssignableTo(type.getName()))
        .flatMap(type -> type.getCodeUnits().stream())
        .filter(unit -> unit.getName().equals(target.getName()))
        .filter(unit -> unit.getRawParameterTypes().size() == target.getRawParameterTypes().size())
        .toList();
  }

  /**
   * The actions key policies of the template grant this role (named by its logical id), but for
   * those only Lambda itself may use on the role's behalf ({@code kms:ViaService} Lambda): the
   * decryption of the function's environment at start, which no code calls (TemplateTest checks
   * that grant).
   */
  static Set<String> keyPolicyActions(String role) {
    Set<String> actions = new TreeSet<>();
    for (String key : TEMPLATE.logicalIdsOfType("AWS::KMS::Key")) {
      Map<String, Object> properties =
          Template.mapping(TEMPLATE.resources().get(key).get("Properties"));
      for (Object one : (List<?>) Template.mapping(properties.get("KeyPolicy")).get("Statement")) {
        Map<String, Object> statement = Template.mapping(one);
        Object principal = Template.mapping(statement.get("Principal")).get("AWS");
        boolean throughLambda = String.valueOf(statement.get("Condition")).contains("lambda.");
        if (String.valueOf(principal).contains(role) && !throughLambda) {
          Object action = statement.get("Action");
          for (Object name : action instanceof List<?> many ? many : List.of(action)) {
            actions.add(String.valueOf(name));
          }
        }
      }
    }
    return actions;
  }

  /** {@code getObjectAsBytes} → GetObject, {@code scanPaginator} → Scan, {@code listObjectsV2}. */
  private static String action(String method) {
    String name = method.replace("Paginator", "").replace("AsBytes", "");
    if (name.equals("listObjectsV2")) {
      return "ListBucket";
    }
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  /**
   * The DynamoDB, S3 and KMS actions of a function's policies (statements and SAM templates), and
   * what key policies grant its role.
   */
  private static Set<String> grantedActions(String logicalId) {
    Set<String> actions = new TreeSet<>(keyPolicyActions(logicalId + "Role"));
    Object policies = TEMPLATE.properties(logicalId).get("Policies");
    if (!(policies instanceof List<?> list)) {
      return actions;
    }
    for (Object policy : list) {
      Map<String, Object> mapping = Template.mapping(policy);
      for (Map.Entry<String, Object> entry : mapping.entrySet()) {
        if (entry.getKey().equals("Statement")) {
          for (Object statement : (List<?>) entry.getValue()) {
            Object action = Template.mapping(statement).get("Action");
            for (Object one : action instanceof List<?> many ? many : List.of(action)) {
              String name = String.valueOf(one);
              if (name.startsWith("dynamodb:")
                  || name.startsWith("s3:")
                  || name.startsWith("kms:")) {
                actions.add(name);
              }
            }
          }
        } else {
          List<String> granted = SAM_POLICY_TEMPLATES.get(entry.getKey());
          assertThat(granted).as("SAM policy template %s is known", entry.getKey()).isNotNull();
          actions.addAll(granted);
        }
      }
    }
    return actions;
  }
}
