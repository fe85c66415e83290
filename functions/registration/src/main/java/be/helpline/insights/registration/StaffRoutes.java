package be.helpline.insights.registration;

import be.helpline.insights.aws.http.ApiRequest;
import be.helpline.insights.aws.http.ApiResponse;
import be.helpline.insights.core.error.ForbiddenException;
import be.helpline.insights.core.error.NotFoundException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The staff routes as one table, built in the composition root: route key → the groups it allows →
 * what answers it. Answering is look-up, group check, call; a route the table does not hold is 404
 * and a caller in none of its groups 403, here and nowhere else. API Gateway has checked the token
 * (401) and the method (its routes are method and path).
 */
final class StaffRoutes {
  /** One route: who may call it, and what answers it. */
  record Route(Set<String> groups, Function<ApiRequest, ApiResponse> answer) {
    Route {
      groups = Set.copyOf(groups);
    }
  }

  private final Map<String, Route> routes;

  StaffRoutes(Map<String, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  /** The union of tables whose route keys do not overlap. */
  @SafeVarargs
  static StaffRoutes of(Map<String, Route>... tables) {
    Map<String, Route> all = new LinkedHashMap<>();
    for (Map<String, Route> table : tables) {
      table.forEach(
          (key, route) -> {
            if (all.putIfAbsent(key, route) != null) {
              throw new IllegalArgumentException("two answers for " + key);
            }
          });
    }
    return new StaffRoutes(all);
  }

  Set<String> keys() {
    return routes.keySet();
  }

  ApiResponse answer(ApiRequest request) {
    Route route = routes.get(request.routeKey());
    if (route == null) {
      throw new NotFoundException("this function does not serve " + request.routeKey());
    }
    if (Collections.disjoint(request.groups(), route.groups())) {
      throw new ForbiddenException(
          "this route is for " + String.join(" or ", route.groups().stream().sorted().toList()));
    }
    return route.answer().apply(request);
  }
}
