package be.helpline.insights.core.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.json.JsonReader;
import org.junit.jupiter.api.Test;

class SiteSectionsTest {
  private static SiteSections sections(String json) throws Exception {
    return SiteSections.fromJson("selfhelp", JsonReader.plain(json));
  }

  @Test
  void sectionOf_placeholderMatchesExactlyOneSegment() throws Exception {
    SiteSections sections = sections("{\"module\": \"/module/{n}\"}");

    assertThat(sections.sectionOf("/module/3")).isEqualTo("module");
    assertThat(sections.sectionOf("/module/3/")).isEqualTo("module");
    assertThat(sections.sectionOf("/module")).isEqualTo("other");
    assertThat(sections.sectionOf("/module/3/oefening")).isEqualTo("other");
    assertThat(sections.sectionOf("/Module/3")).isEqualTo("other");
    assertThat(sections.keys()).containsExactly("module", "other");
  }

  @Test
  void sectionOf_lastStarMatchesOneOrMoreSegments_rootOnlyItself() throws Exception {
    SiteSections sections =
        sections("{\"start\": [\"/\", \"/index.html\"], \"blog\": \"/blog/*\"}");

    assertThat(sections.sectionOf("/")).isEqualTo("start");
    assertThat(sections.sectionOf("/index.html")).isEqualTo("start");
    assertThat(sections.sectionOf("/blog/2020/04/kijk-uit")).isEqualTo("blog");
    assertThat(sections.sectionOf("/blog/x")).isEqualTo("blog");
    assertThat(sections.sectionOf("/blog")).isEqualTo("other");
    assertThat(sections.sectionOf("/contact")).isEqualTo("other");
  }

  @Test
  void sectionOf_firstConfiguredMatchWins() throws Exception {
    SiteSections sections = sections("{\"intro\": \"/module/1\", \"module\": \"/module/{n}\"}");

    assertThat(sections.sectionOf("/module/1")).isEqualTo("intro");
    assertThat(sections.sectionOf("/module/2")).isEqualTo("module");
    assertThat(sections.keys()).containsExactly("intro", "module", "other");
  }

  @Test
  void none_countsEverythingAsOther() {
    assertThat(SiteSections.none().sectionOf("/module/1")).isEqualTo("other");
    assertThat(SiteSections.none().keys()).containsExactly("other");
    assertThat(SiteSections.fromJson("main", null).keys()).containsExactly("other");
  }

  @Test
  void fromJson_refusesBadNamesPatternsAndTooManySections() throws Exception {
    assertThatThrownBy(() -> sections("{\"other\": \"/x\"}"))
        .hasMessageContaining("site selfhelp")
        .hasMessageContaining("'other'");
    assertThatThrownBy(() -> sections("{\"Module\": \"/x\"}"))
        .hasMessageContaining("section name 'Module'");
    assertThatThrownBy(() -> sections("{\"module\": \"module/{n}\"}"))
        .hasMessageContaining("must start with '/'");
    assertThatThrownBy(() -> sections("{\"module\": \"/module/{n}/*/x\"}"))
        .hasMessageContaining("segment '*'");
    assertThatThrownBy(() -> sections("{\"module\": \"/a?b\"}"))
        .hasMessageContaining("segment 'a?b'");
    assertThatThrownBy(() -> sections("{\"module\": []}"))
        .hasMessageContaining("needs a path pattern");
    assertThatThrownBy(() -> sections("[\"/x\"]")).hasMessageContaining("must be an object");
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i <= SiteSections.MAX_SECTIONS; i++) {
      many.append(i == 0 ? "" : ",")
          .append("\"s")
          .append(i)
          .append("\": \"/s")
          .append(i)
          .append('"');
    }
    Object tooMany = JsonReader.plain(many.append('}').toString());
    assertThatThrownBy(() -> SiteSections.fromJson("selfhelp", tooMany))
        .hasMessageContaining("at most 20 sections");
  }

  @Test
  void siteRegistry_readsEachSitesSections() {
    SiteRegistry sites =
        SiteRegistry.fromJson(
            """
            {"selfhelp": {"origin": "https://selfhelp.example",
                          "sections": {"module": "/module/{n}"}},
             "main": {"origin": "https://stopitnow.example"}}\
            """);

    assertThat(sites.find("selfhelp").orElseThrow().sections().sectionOf("/module/2"))
        .isEqualTo("module");
    assertThat(sites.find("main").orElseThrow().sections().keys()).containsExactly("other");
  }
}
