package be.helpline.insights.local;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML as CloudFormation does: the short intrinsic tags ({@code !Ref X}, {@code !GetAtt A.B},
 * {@code !Sub ...}) become their long forms ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A",
 * "B"]}}), and unquoted dates stay text instead of turning into {@link java.util.Date}s.
 */
final class YamlReader {
  private static final List<String> INTRINSICS =
      List.of(
          "Ref",
          "Condition",
          "GetAtt",
          "Sub",
          "Join",
          "Split",
          "Select",
          "If",
          "Equals",
          "Not",
          "And",
          "Or",
          "FindInMap",
          "Base64",
          "Cidr",
          "ImportValue",
          "GetAZs",
          "Length",
          "ToJsonString");

  private YamlReader() {}

  static Object read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new CloudFormationConstructor(options)).load(text);
  }

  /** Reads a document whose root is a mapping. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readMapping(String text) {
    if (read(text) instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException("expected a YAML mapping at the document root");
  }

  private static final class CloudFormationConstructor extends SafeConstructor {
    CloudFormationConstructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(Tag.TIMESTAMP, new AsText());
      for (String name : INTRINSICS) {
        yamlConstructors.put(new Tag("!" + name), new Intrinsic(name));
      }
    }

    private final class AsText extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        return constructScalar((ScalarNode) node);
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
        Object value =
            switch (node) {
              case ScalarNode scalar when name.equals("GetAtt") -> splitAttribute(scalar);
              case ScalarNode scalar -> constructScalar(scalar);
              case SequenceNode sequence -> constructSequence(sequence);
              case MappingNode mapping -> constructMapping(mapping);
              default -> throw new IllegalArgumentException("unexpected YAML node for !" + name);
            };
        return Map.of(key, value);
      }

      private List<String> splitAttribute(ScalarNode scalar) {
        String text = constructScalar(scalar);
        int dot = text.indexOf('.');
        if (dot <= 0) {
          throw new IllegalArgumentException("!GetAtt expects Resource.Attribute, got " + text);
        }
        return List.of(text.substring(0, dot), text.substring(dot + 1));
      }
    }
  }
}
