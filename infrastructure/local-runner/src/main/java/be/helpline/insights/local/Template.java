package be.helpline.insights.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SAM template as the local runner reads it: resources, their properties with intrinsics
 * resolved to local values, and the views the runner needs (functions with their merged
 * environment, routes, schedules, the HTTP API's CORS and JWT authorizers).
 */
final class Template {
  static final String TEMPLATE_FILE = "template.yaml";
  static final String PARAMETERS_FILE = "infrastructure/local-parameters.json";

  private final Map<String, Object> document;
  private final Map<String, Map<String, Object>> resources;
  private final Intrinsics intrinsics;

  /**
   * The jar a CodeUri stands for: a jar itself, or a function's module folder ({@code
   * functions/beacon}, built by {@code sam build} through its Makefile) whose jar is {@code
   * target/<module>.jar}, the same the Makefile unpacks for SAM.
   */
  static String deployable(String codeUri) {
    if (codeUri.endsWith(".jar")) {
      return codeUri;
    }
    String folder = codeUri.replaceAll("/+$", "");
    return folder + "/target/" + folder.substring(folder.lastIndexOf('/') + 1) + ".jar";
  }

  /**
   * A function: its handler, its environment (Globals merged, resolved), what invokes it, and its
   * deployable jar ({@code codeUri}, see {@link #deployable}).
   */
  record Function(
      String logicalId,
      String handlerClass,
      String handlerMethod,
      String codeUri,
      Map<String, String> environment,
      int timeoutSeconds,
      int memoryMb,
      String applicationLogLevel,
      List<Route> routes,
      List<Schedule> schedules) {}

  /** An HttpApi event: {@code authorizer} is null for a public route ({@code Authorizer: NONE}). */
  record Route(
      String method, String path, String function, String authorizer, List<String> scopes) {
    String routeKey() {
      return method + " " + path;
    }
  }

  /**
   * A Schedule or ScheduleV2 event: its expression and the Input it sends (null: an empty event).
   */
  record Schedule(String expression, String input) {}

  /**
   * The HTTP API: its CORS configuration (resolved, may be empty), authorizers and access-log
   * format.
   */
  record Api(
      Map<String, Object> corsConfiguration,
      String defaultAuthorizer,
      Map<String, Authorizer> authorizers,
      String accessLogFormat) {}

  /** A JWT authorizer as HTTP API configures one. */
  record Authorizer(String name, String identitySource, String issuer, List<String> audiences) {}

  private Template(
      Map<String, Object> document, Map<String, Object> parameterValues, String region) {
    this.document = document;
    this.resources = new LinkedHashMap<>();
    mapping(document.get("Resources"))
        .forEach((id, resource) -> resources.put(id, mapping(resource)));
    this.intrinsics =
        new Intrinsics(
            parameters(mapping(document.get("Parameters")), parameterValues),
            resources,
            mapping(document.get("Mappings")),
            region);
  }

  /** The project's template with the local parameter values (others take their Default). */
  static Template load(Path projectRoot, String region) {
    try {
      String yaml = Files.readString(projectRoot.resolve(TEMPLATE_FILE));
      Path parametersFile = projectRoot.resolve(PARAMETERS_FILE);
      Map<String, Object> values = new LinkedHashMap<>();
      if (Files.exists(parametersFile)) {
        JsonNode json = JsonMapper.builder().build().readTree(parametersFile.toFile());
        json.properties()
            .forEach(
                entry ->
                    values.put(
                        entry.getKey(),
                        entry.getValue().isTextual()
                            ? entry.getValue().asText()
                            : entry.getValue().toString()));
      }
      return parse(yaml, values, region);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + TEMPLATE_FILE + " in " + projectRoot, e);
    }
  }

  static Template parse(String yaml, Map<String, ?> parameterValues, String region) {
    return new Template(YamlReader.readMapping(yaml), Map.copyOf(parameterValues), region);
  }

  Map<String, Map<String, Object>> resources() {
    return resources;
  }

  List<String> logicalIdsOfType(String type) {
    List<String> ids = new ArrayList<>();
    resources.forEach(
        (id, resource) -> {
          if (type.equals(resource.get("Type"))) {
            ids.add(id);
          }
        });
    return ids;
  }

  /**
   * A resource's properties with every intrinsic resolved (Globals merged for SAM functions and
   * APIs).
   */
  Map<String, Object> properties(String logicalId) {
    Map<String, Object> resource = resources.get(logicalId);
    if (resource == null) {
      throw new IllegalArgumentException("no resource " + logicalId);
    }
    Map<String, Object> properties = mapping(resource.get("Properties"));
    String globals =
        switch (String.valueOf(resource.get("Type"))) {
          case "AWS::Serverless::Function" -> "Function";
          case "AWS::Serverless::HttpApi" -> "HttpApi";
          default -> null;
        };
    if (globals != null) {
      properties = merge(mapping(mapping(document.get("Globals")).get(globals)), properties);
    }
    return mapping(intrinsics.resolve(properties));
  }

  Object resolve(Object node) {
    return intrinsics.resolve(node);
  }

  String physicalName(String logicalId) {
    return intrinsics.physicalName(logicalId);
  }

  List<Function> functions() {
    Api api = api();
    List<Function> functions = new ArrayList<>();
    for (String id : logicalIdsOfType("AWS::Serverless::Function")) {
      Map<String, Object> properties = properties(id);
      String handler = Intrinsics.text(properties.get("Handler"), id + " Handler");
      int separator = handler.indexOf("::");
      Map<String, String> environment = new LinkedHashMap<>();
      mapping(mapping(properties.get("Environment")).get("Variables"))
          .forEach(
              (name, value) ->
                  environment.put(name, Intrinsics.text(value, id + " variable " + name)));
      List<Route> routes = new ArrayList<>();
      List<Schedule> schedules = new ArrayList<>();
      mapping(properties.get("Events"))
          .forEach(
              (eventId, event) -> {
                Map<String, Object> eventMap = mapping(event);
                Map<String, Object> eventProperties = mapping(eventMap.get("Properties"));
                switch (String.valueOf(eventMap.get("Type"))) {
                  case "HttpApi" -> routes.add(route(id, eventProperties, api));
                  case "ScheduleV2", "Schedule" -> schedules.add(schedule(eventProperties));
                  default -> {
                    // other event sources are not played locally
                  }
                }
              });
      functions.add(
          new Function(
              id,
              separator < 0 ? handler : handler.substring(0, separator),
              separator < 0 ? "handleRequest" : handler.substring(separator + 2),
              properties.containsKey("CodeUri")
                  ? deployable(Intrinsics.text(properties.get("CodeUri"), id + " CodeUri"))
                  : "",
              Map.copyOf(environment),
              integer(properties.get("Timeout"), 3),
              integer(properties.get("MemorySize"), 128),
              String.valueOf(
                  mapping(properties.get("LoggingConfig"))
                      .getOrDefault("ApplicationLogLevel", "INFO")),
              List.copyOf(routes),
              List.copyOf(schedules)));
    }
    return functions;
  }

  /** The (first) HttpApi; an empty configuration when the template declares none. */
  Api api() {
    List<String> ids = logicalIdsOfType("AWS::Serverless::HttpApi");
    if (ids.isEmpty()) {
      return new Api(Map.of(), null, Map.of(), "");
    }
    Map<String, Object> properties = properties(ids.getFirst());
    Map<String, Object> auth = mapping(properties.get("Auth"));
    Map<String, Authorizer> authorizers = new LinkedHashMap<>();
    mapping(auth.get("Authorizers"))
        .forEach(
            (name, value) -> {
              Map<String, Object> authorizer = mapping(value);
              Map<String, Object> jwt = mapping(authorizer.get("JwtConfiguration"));
              Object audience = jwt.get("audience");
              authorizers.put(
                  name,
                  new Authorizer(
                      name,
                      String.valueOf(
                          authorizer.getOrDefault(
                              "IdentitySource", "$request.header.Authorization")),
                      String.valueOf(jwt.get("issuer")),
                      audience instanceof List<?> list
                          ? list.stream().map(String::valueOf).toList()
                          : audience == null ? List.of() : List.of(String.valueOf(audience))));
            });
    Object cors = properties.get("CorsConfiguration");
    return new Api(
        cors instanceof Map<?, ?> ? mapping(cors) : Map.of(),
        auth.get("DefaultAuthorizer") == null
            ? null
            : String.valueOf(auth.get("DefaultAuthorizer")),
        Map.copyOf(authorizers),
        String.valueOf(mapping(properties.get("AccessLogSettings")).getOrDefault("Format", "")));
  }

  private static Route route(String function, Map<String, Object> properties, Api api) {
    Map<String, Object> auth = mapping(properties.get("Auth"));
    String authorizer = api.defaultAuthorizer();
    if (auth.containsKey("Authorizer")) {
      String named = String.valueOf(auth.get("Authorizer"));
      authorizer = named.equals("NONE") ? null : named;
    }
    Object scopes = auth.get("AuthorizationScopes");
    return new Route(
        String.valueOf(properties.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT),
        String.valueOf(properties.getOrDefault("Path", "$default")),
        function,
        authorizer,
        scopes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of());
  }

  private static Schedule schedule(Map<String, Object> properties) {
    Object expression = properties.getOrDefault("ScheduleExpression", properties.get("Schedule"));
    Object input = properties.get("Input");
    return new Schedule(
        Intrinsics.text(expression, "schedule expression"),
        input == null ? null : Intrinsics.text(input, "schedule Input"));
  }

  private static Map<String, Object> parameters(
      Map<String, Object> declared, Map<String, Object> values) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    declared.forEach(
        (name, declaration) -> {
          Map<String, Object> spec = mapping(declaration);
          Object value = values.containsKey(name) ? values.get(name) : spec.get("Default");
          String type = String.valueOf(spec.getOrDefault("Type", "String"));
          if (value == null) {
            parameters.put(name, null);
          } else if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            parameters.put(
                name,
                value instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(value).split("\\s*,\\s*", -1)));
          } else {
            parameters.put(name, Intrinsics.text(value, "parameter " + name));
          }
        });
    return parameters;
  }

  /** SAM's Globals: maps merge key by key, anything else on the resource wins. */
  private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> local) {
    Map<String, Object> merged = new LinkedHashMap<>(globals);
    local.forEach(
        (key, value) -> {
          Object global = merged.get(key);
          merged.put(
              key,
              global instanceof Map<?, ?> && value instanceof Map<?, ?>
                  ? merge(mapping(global), mapping(value))
                  : value);
        });
    return merged;
  }

  private static int integer(Object value, int fallback) {
    return value == null ? fallback : Integer.parseInt(Intrinsics.text(value, "number"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapping(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException("expected a mapping, got " + value);
  }
}
