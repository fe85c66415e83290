package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtAuthorizerTest {
  private static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/UserPool";
  private static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");
  private static final RSAKey KEY = JwtAuthorizer.newSigningKey();
  private static final JwtAuthorizer AUTHORIZER = authorizer(ISSUER, "UserPoolClient", KEY);

  private static JwtAuthorizer authorizer(String issuer, String audience, RSAKey key) {
    return JwtAuthorizer.create(
        new Template.Authorizer(
            "CognitoAuthorizer", "$request.header.Authorization", issuer, List.of(audience)),
        key);
  }

  @Test
  void issuedToken_verifiesWithOrWithoutBearer_andCarriesCognitoClaims() {
    String token = AUTHORIZER.issue(List.of("responder", "coordinator"), NOW);

    HttpApiEvents.Authorization bearer = AUTHORIZER.verify("Bearer " + token, NOW).orElseThrow();
    assertThat(AUTHORIZER.verify(token, NOW)).isPresent();
    assertThat(bearer.claims())
        .containsEntry("cognito:groups", "[responder coordinator]")
        .containsEntry("token_use", "id")
        .containsEntry("iss", ISSUER)
        .containsEntry("aud", "UserPoolClient")
        .containsEntry("iat", Long.toString(NOW.getEpochSecond()))
        .containsEntry("exp", Long.toString(NOW.plus(Duration.ofHours(8)).getEpochSecond()))
        .containsKeys("sub", "cognito:username");
    assertThat(bearer.scopes()).isNull();
  }

  @Test
  void missingOrGarbledToken_isRefused() {
    assertThat(AUTHORIZER.verify(null, NOW)).isEmpty();
    assertThat(AUTHORIZER.verify("", NOW)).isEmpty();
    assertThat(AUTHORIZER.verify("Bearer not-a-jwt", NOW)).isEmpty();
  }

  @Test
  void tamperedToken_isRefused() {
    String[] parts = AUTHORIZER.issue(List.of("responder"), NOW).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]))
            .replace("[\"responder\"]", "[\"coordinator\"]");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
            + "."
            + parts[2];

    assertThat(AUTHORIZER.verify(tampered, NOW)).isEmpty();
  }

  @Test
  void expiredToken_isRefused() {
    String token = AUTHORIZER.issue(List.of("analyst"), NOW);

    assertThat(AUTHORIZER.verify(token, NOW.plus(Duration.ofHours(8)))).isEmpty();
  }

  @Test
  void tokenOfAnotherKeyIssuerOrAudience_isRefused() {
    JwtAuthorizer otherKey = authorizer(ISSUER, "UserPoolClient", JwtAuthorizer.newSigningKey());
    JwtAuthorizer otherIssuer = authorizer("https://elsewhere.example", "UserPoolClient", KEY);
    JwtAuthorizer otherAudience = authorizer(ISSUER, "AnotherClient", KEY);

    assertThat(AUTHORIZER.verify(otherKey.issue(List.of("centre"), NOW), NOW)).isEmpty();
    assertThat(AUTHORIZER.verify(otherIssuer.issue(List.of("centre"), NOW), NOW)).isEmpty();
    assertThat(AUTHORIZER.verify(otherAudience.issue(List.of("centre"), NOW), NOW)).isEmpty();
    assertThat(otherAudience.verify(otherAudience.issue(List.of("centre"), NOW), NOW)).isPresent();
  }
}
