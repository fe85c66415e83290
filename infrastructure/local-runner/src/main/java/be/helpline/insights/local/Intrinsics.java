package be.helpline.insights.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions against local values: a parameter's value (a list for
 * CommaDelimitedList), a resource's local physical name for {@code Ref} (a table's logical id, a
 * bucket's logical id lower-cased, unless the template names them), a local ARN for {@code
 * Fn::GetAtt}, and the pseudo parameters. Conditions are not supported: the template has none.
 */
final class Intrinsics {
  static final String ACCOUNT_ID = "123456789012";
  private static final String STACK_NAME = "helpline-insights-local";
  private static final Object NO_VALUE = new Object();
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private final Map<String, Object> parameters;
  private final Map<String, Map<String, Object>> resources;
  private final Map<String, Object> mappings;
  private final String region;

  /**
   * @param parameters each parameter's value: a String, a List of Strings, or null when it has none
   * @param resources the template's Resources section, by logical id
   */
  Intrinsics(
      Map<String, Object> parameters,
      Map<String, Map<String, Object>> resources,
      Map<String, Object> mappings,
      String region) {
    this.parameters = parameters;
    this.resources = resources;
    this.mappings = mappings;
    this.region = region;
  }

  /** A copy of the node with every intrinsic function replaced by its value. */
  Object resolve(Object node) {
    Object value = resolveOrNoValue(node);
    return value == NO_VALUE ? null : value;
  }

  /** The value of {@code Ref} on a resource, as the local emulator names it. */
  String physicalName(String logicalId) {
    Map<String, Object> resource = resource(logicalId);
    Map<?, ?> properties = resource.get("Properties") instanceof Map<?, ?> map ? map : Map.of();
    return switch (String.valueOf(resource.get("Type"))) {
      case "AWS::DynamoDB::Table" ->
          properties.containsKey("TableName")
              ? text(resolve(properties.get("TableName")), "TableName")
              : logicalId;
      case "AWS::S3::Bucket" ->
          properties.containsKey("BucketName")
              ? text(resolve(properties.get("BucketName")), "BucketName")
              : logicalId.toLowerCase(Locale.ROOT);
      case "AWS::KMS::Key" -> "alias/" + logicalId; // Bootstrap.createKeys names it so
      default -> logicalId;
    };
  }

  private Object resolveOrNoValue(Object node) {
    if (node instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        String key = String.valueOf(only.getKey());
        if (key.equals("Ref") || key.startsWith("Fn::")) {
          return function(key, only.getValue());
        }
      }
      Map<String, Object> resolved = new LinkedHashMap<>();
      map.forEach(
          (key, value) -> {
            Object result = resolveOrNoValue(value);
            if (result != NO_VALUE) {
              resolved.put(String.valueOf(key), result);
            }
          });
      return resolved;
    }
    if (node instanceof List<?> list) {
      List<Object> resolved = new ArrayList<>();
      for (Object item : list) {
        Object result = resolveOrNoValue(item);
        if (result != NO_VALUE) {
          resolved.add(result);
        }
      }
      return resolved;
    }
    return node;
  }

  private Object function(String name, Object argument) {
    return switch (name) {
      case "Ref" -> ref(text(resolve(argument), name));
      case "Fn::GetAtt" -> getAtt(argument);
      case "Fn::Sub" -> sub(argument);
      case "Fn::Join" -> join(arguments(name, argument, 2));
      case "Fn::Split" -> split(arguments(name, argument, 2));
      case "Fn::Select" -> select(arguments(name, argument, 2));
      case "Fn::FindInMap" -> findInMap(arguments(name, argument, 3));
      case "Fn::Base64" ->
          Base64.getEncoder()
              .encodeToString(text(resolve(argument), name).getBytes(StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException(name + " is not supported by the local runner");
    };
  }

  private Object ref(String name) {
    Object pseudo =
        switch (name) {
          case "AWS::Region" -> region;
          case "AWS::AccountId" -> ACCOUNT_ID;
          case "AWS::URLSuffix" -> "amazonaws.com";
          case "AWS::Partition" -> "aws";
          case "AWS::StackName" -> STACK_NAME;
          case "AWS::StackId" ->
              "arn:aws:cloudformation:"
                  + region
                  + ":"
                  + ACCOUNT_ID
                  + ":stack/"
                  + STACK_NAME
                  + "/local";
          case "AWS::NoValue" -> NO_VALUE;
          default -> null;
        };
    if (pseudo != null) {
      return pseudo;
    }
    if (parameters.containsKey(name)) {
      Object value = parameters.get(name);
      if (value == null) {
        throw new IllegalStateException(
            "parameter "
                + name
                + " has no value: give it a Default or set it in"
                + " infrastructure/local-parameters.json");
      }
      return value;
    }
    if (resources.containsKey(name)) {
      return physicalName(name);
    }
    throw new IllegalArgumentException("Ref to unknown parameter or resource " + name);
  }

  private String getAtt(Object argument) {
    Object resolved = resolve(argument);
    List<?> parts;
    if (resolved instanceof String text && text.contains(".")) {
      parts = List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1));
    } else if (resolved instanceof List<?> list && list.size() == 2) {
      parts = list;
    } else {
      throw new IllegalArgumentException(
          "Fn::GetAtt expects [Resource, Attribute], got " + resolved);
    }
    return attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
  }

  private String attribute(String logicalId, String attribute) {
    String type = String.valueOf(resource(logicalId).get("Type"));
    String name = physicalName(logicalId);
    String prefix = ":" + region + ":" + ACCOUNT_ID + ":";
    return switch (type + "." + attribute) {
      case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb" + prefix + "table/" + name;
      case "AWS::DynamoDB::Table.StreamArn" ->
          "arn:aws:dynamodb" + prefix + "table/" + name + "/stream/local";
      case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + name;
      case "AWS::S3::Bucket.DomainName" -> name + ".s3.amazonaws.com";
      case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs" + prefix + "log-group:" + name + ":*";
      case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" ->
          "arn:aws:lambda" + prefix + "function:" + name;
      default -> {
        String[] typeParts = type.split("::");
        String service = typeParts.length > 1 ? typeParts[1].toLowerCase(Locale.ROOT) : "local";
        yield "arn:aws:"
            + service
            + prefix
            + name
            + (attribute.equals("Arn") ? "" : "/" + attribute);
      }
    };
  }

  private String sub(Object argument) {
    Object resolved = argument;
    Map<?, ?> variables = Map.of();
    if (argument instanceof List<?> list) {
      if (list.size() != 2 || !(resolve(list.get(1)) instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("Fn::Sub expects a string or [string, {variables}]");
      }
      resolved = list.get(0);
      variables = map;
    }
    String template = text(resolved, "Fn::Sub");
    Matcher matcher = SUB_VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String variable = matcher.group(1).trim();
      String value;
      if (variable.startsWith("!")) {
        value = "${" + variable.substring(1) + "}";
      } else if (variables.containsKey(variable)) {
        value = text(variables.get(variable), "Fn::Sub variable " + variable);
      } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
        value =
            attribute(
                variable.substring(0, variable.indexOf('.')),
                variable.substring(variable.indexOf('.') + 1));
      } else {
        value = text(ref(variable), "Fn::Sub variable " + variable);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private String join(List<?> arguments) {
    String delimiter = text(resolve(arguments.get(0)), "Fn::Join delimiter");
    if (!(resolve(arguments.get(1)) instanceof List<?> values)) {
      throw new IllegalArgumentException("Fn::Join expects a list of values");
    }
    List<String> parts = new ArrayList<>();
    for (Object value : values) {
      parts.add(text(value, "Fn::Join value"));
    }
    return String.join(delimiter, parts);
  }

  private List<String> split(List<?> arguments) {
    String delimiter = text(resolve(arguments.get(0)), "Fn::Split delimiter");
    String source = text(resolve(arguments.get(1)), "Fn::Split source");
    return List.of(source.split(Pattern.quote(delimiter), -1));
  }

  private Object select(List<?> arguments) {
    int index = Integer.parseInt(text(resolve(arguments.get(0)), "Fn::Select index"));
    if (!(resolve(arguments.get(1)) instanceof List<?> values)) {
      throw new IllegalArgumentException("Fn::Select expects a list of values");
    }
    if (index < 0 || index >= values.size()) {
      throw new IllegalArgumentException("Fn::Select index " + index + " out of range");
    }
    return values.get(index);
  }

  private Object findInMap(List<?> arguments) {
    Object current = mappings;
    for (Object key : arguments) {
      String name = text(resolve(key), "Fn::FindInMap key");
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(name)) {
        throw new IllegalArgumentException("Fn::FindInMap: no entry " + name);
      }
      current = map.get(name);
    }
    return resolve(current);
  }

  private Map<String, Object> resource(String logicalId) {
    Map<String, Object> resource = resources.get(logicalId);
    if (resource == null) {
      throw new IllegalArgumentException("unknown resource " + logicalId);
    }
    return resource;
  }

  private static List<?> arguments(String name, Object argument, int count) {
    if (argument instanceof List<?> list && list.size() == count) {
      return list;
    }
    throw new IllegalArgumentException(name + " expects a list of " + count + " arguments");
  }

  /** A scalar as CloudFormation passes it on: text (numbers and booleans in their plain form). */
  static String text(Object value, String what) {
    return switch (value) {
      case String string -> string;
      case Number number -> number.toString();
      case Boolean bool -> bool.toString();
      case null -> throw new IllegalArgumentException(what + " has no value");
      default -> throw new IllegalArgumentException(what + " must be a string, got " + value);
    };
  }
}
