package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static Template.Route route(String method, String path) {
    return new Template.Route(method, path, "Fn", null, List.of());
  }

  private final RouteTable table =
      new RouteTable(
          List.of(
              route("GET", "/c/{campaignId}/{creativeId}"),
              route("HEAD", "/c/{campaignId}/{creativeId}"),
              route("GET", "/v1/campaigns"),
              route("PUT", "/v1/campaigns/{id}"),
              route("PUT", "/v1/campaigns/{id}/impressions"),
              route("GET", "/v1/registrations/latest"),
              route("GET", "/v1/registrations/{id}"),
              route("ANY", "/files/{path+}")));

  @Test
  void pathTemplate_bindsOneSegmentPerParameter() {
    RouteTable.Match match = table.match("GET", "/c/spring20/c1").orElseThrow();

    assertThat(match.route().routeKey()).isEqualTo("GET /c/{campaignId}/{creativeId}");
    assertThat(match.pathParameters())
        .containsExactly(Map.entry("campaignId", "spring20"), Map.entry("creativeId", "c1"));
  }

  @Test
  void head_matchesOnlyWhereDeclared() {
    assertThat(table.match("HEAD", "/c/spring20/c1")).isPresent();
    assertThat(table.match("HEAD", "/v1/campaigns")).isEmpty();
  }

  @Test
  void otherMethodOrPath_doesNotMatch() {
    assertThat(table.match("POST", "/v1/campaigns")).isEmpty();
    assertThat(table.match("GET", "/v1/campaigns/")).isEmpty();
    assertThat(table.match("GET", "/c/spring20")).isEmpty();
    assertThat(table.match("GET", "/c/spring20/c1/extra")).isEmpty();
    assertThat(table.match("PUT", "/v1/campaigns//impressions")).isEmpty();
  }

  @Test
  void literalSegment_winsOverParameter() {
    assertThat(table.match("GET", "/v1/registrations/latest").orElseThrow().route().path())
        .isEqualTo("/v1/registrations/latest");
    assertThat(table.match("GET", "/v1/registrations/42").orElseThrow().pathParameters())
        .containsEntry("id", "42");
  }

  @Test
  void greedyParameter_takesTheRestForAnyMethod() {
    RouteTable.Match match = table.match("DELETE", "/files/a/b%20c").orElseThrow();

    assertThat(match.pathParameters()).containsEntry("path", "a/b c");
  }
}
