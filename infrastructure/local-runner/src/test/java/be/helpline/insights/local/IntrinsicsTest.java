package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Short-form tags and intrinsic functions resolve to the local values the runner hands out. */
class IntrinsicsTest {
  private static final String YAML =
      """
      Parameters:
        Origins: {Type: CommaDelimitedList}
        Shards: {Type: Number, Default: 8}
        Start: {Type: String, Default: 2018-12-01}
        Zone: {Type: String, Default: Europe/Brussels}
        Unset: {Type: String}
      Globals:
        Function:
          Timeout: 10
          Environment:
            Variables:
              ZONE: !Ref Zone
      Resources:
        Counters:
          Type: AWS::DynamoDB::Table
          Properties: {BillingMode: PAY_PER_REQUEST}
        Named:
          Type: AWS::DynamoDB::Table
          Properties: {TableName: !Sub "named-${AWS::Region}"}
        Snapshots:
          Type: AWS::S3::Bucket
        Pool:
          Type: AWS::Cognito::UserPool
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Handler: example.Handler::handleRequest
            Timeout: 30
            Environment:
              Variables:
                TABLE: !Ref Counters
                NAMED: !Ref Named
                BUCKET: !Ref Snapshots
                SHARDS: !Ref Shards
                START: !Ref Start
                ORIGINS: !Join [",", !Ref Origins]
                FIRST: !Select [0, !Split [",", "a,b"]]
                TABLE_ARN: !GetAtt Counters.Arn
                OBJECTS: !Sub "${Snapshots.Arn}/*"
                ISSUER: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${Pool}
                ACCOUNT: !Sub "${AWS::AccountId}.${AWS::URLSuffix}"
                LITERAL: !Sub "${!Kept}-${Zone}"
                WITH_VARS: !Sub ["${Name}-${Shards}", {Name: !Ref Zone}]
                DROPPED: !Ref AWS::NoValue
      """;

  private static Template template(Map<String, String> values) {
    return Template.parse(YAML, values, "eu-west-1");
  }

  private static Map<String, String> environment() {
    return template(Map.of("Origins", "https://a.example, https://b.example"))
        .functions()
        .getFirst()
        .environment();
  }

  @Test
  void ref_resolvesParametersAndResourcesToLocalNames() {
    assertThat(environment())
        .containsEntry("TABLE", "Counters")
        .containsEntry("NAMED", "named-eu-west-1")
        .containsEntry("BUCKET", "snapshots")
        .containsEntry("SHARDS", "8")
        .containsEntry("START", "2018-12-01")
        .doesNotContainKey("DROPPED");
  }

  @Test
  void commaDelimitedList_becomesAListThatJoinJoins() {
    Template template = template(Map.of("Origins", "https://a.example, https://b.example"));

    assertThat(template.resolve(Map.of("Ref", "Origins")))
        .isEqualTo(List.of("https://a.example", "https://b.example"));
    assertThat(environment()).containsEntry("ORIGINS", "https://a.example,https://b.example");
  }

  @Test
  void getAttAndSub_giveLocalArnsAndPseudoParameters() {
    assertThat(environment())
        .containsEntry("TABLE_ARN", "arn:aws:dynamodb:eu-west-1:123456789012:table/Counters")
        .containsEntry("OBJECTS", "arn:aws:s3:::snapshots/*")
        .containsEntry("ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/Pool")
        .containsEntry("ACCOUNT", "123456789012.amazonaws.com")
        .containsEntry("LITERAL", "${Kept}-Europe/Brussels")
        .containsEntry("WITH_VARS", "Europe/Brussels-8");
  }

  @Test
  void splitAndSelect_pickAnItem() {
    assertThat(environment()).containsEntry("FIRST", "a");
  }

  @Test
  void globals_mergeUnderTheFunctionsOwnValues() {
    Template.Function function = template(Map.of("Origins", "x")).functions().getFirst();

    assertThat(function.environment()).containsEntry("ZONE", "Europe/Brussels");
    assertThat(function.timeoutSeconds()).isEqualTo(30);
    assertThat(function.handlerClass()).isEqualTo("example.Handler");
  }

  @Test
  void parameterWithoutValue_failsNamingIt() {
    Template template = template(Map.of("Origins", "x"));

    assertThatThrownBy(() -> template.resolve(Map.of("Ref", "Unset")))
        .hasMessageContaining("Unset")
        .hasMessageContaining("local-parameters.json");
  }

  @Test
  void unknownReference_fails() {
    Template template = template(Map.of("Origins", "x"));

    assertThatThrownBy(() -> template.resolve(Map.of("Ref", "Nowhere")))
        .hasMessageContaining("Nowhere");
  }

  @Test
  void shortTags_becomeLongForms() {
    Object parsed =
        YamlReader.read("a: !GetAtt Table.Arn\nb: !Ref X\nc: !Join ['-', [x, y]]\nd: 2020-04-01");

    assertThat(parsed)
        .isEqualTo(
            Map.of(
                "a", Map.of("Fn::GetAtt", List.of("Table", "Arn")),
                "b", Map.of("Ref", "X"),
                "c", Map.of("Fn::Join", List.of("-", List.of("x", "y"))),
                "d", "2020-04-01"));
  }
}
