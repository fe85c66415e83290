package be.helpline.insights.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Plays Cognito and the HTTP API JWT authorizer locally: issues ID tokens for dev users, signed
 * RS256 with a key generated at start, and verifies a request's token as API Gateway does
 * (signature, issuer, audience, expiry), passing the claims on as strings.
 */
final class JwtAuthorizer {
  static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

  private final Template.Authorizer spec;
  private final RSAKey key;
  private final RSASSAVerifier verifier;

  private JwtAuthorizer(Template.Authorizer spec, RSAKey key) throws JOSEException {
    this.spec = spec;
    this.key = key;
    this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
  }

  /** The local Cognito's signing key, made at start: tokens from an earlier run do not verify. */
  static RSAKey newSigningKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("local-" + UUID.randomUUID()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("could not generate the local signing key", e);
    }
  }

  static JwtAuthorizer create(Template.Authorizer spec, RSAKey key) {
    if (spec.audiences().isEmpty()) {
      throw new IllegalStateException("JWT authorizer " + spec.name() + " has no audience");
    }
    try {
      return new JwtAuthorizer(spec, key);
    } catch (JOSEException e) {
      throw new IllegalStateException("the local signing key is not an RSA key", e);
    }
  }

  String name() {
    return spec.name();
  }

  /** An ID token as Cognito issues one for a dev user in these groups, valid for eight hours. */
  String issue(List<String> groups, Instant now) {
    String username = "dev-" + String.join("-", groups);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
            .audience(spec.audiences().getFirst())
            .issuer(spec.issuer())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
            .jwtID(UUID.randomUUID().toString())
            .claim("auth_time", now.getEpochSecond())
            .claim("token_use", "id")
            .claim("cognito:username", username)
            .claim("cognito:groups", List.copyOf(groups))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a local token", e);
    }
    return jwt.serialize();
  }

  /**
   * The authorization a valid {@code Authorization} header (a token, with or without "Bearer ")
   * carries; empty for a missing, malformed, wrongly signed, foreign or expired token.
   */
  Optional<HttpApiEvents.Authorization> verify(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String token = header.trim();
    if (token.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      token = token.substring("bearer ".length()).trim();
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      Date notBefore = claims.getNotBeforeTime();
      boolean audienceMatches =
          claims.getAudience().stream().anyMatch(spec.audiences()::contains)
              || spec.audiences().contains(claims.getClaim("client_id"));
      if (!spec.issuer().equals(claims.getIssuer())
          || !audienceMatches
          || expiry == null
          || !expiry.toInstant().isAfter(now)
          || (notBefore != null && notBefore.toInstant().isAfter(now))) {
        return Optional.empty();
      }
      Object scope = claims.getClaim("scope");
      List<String> scopes =
          scope instanceof String text && !text.isBlank()
              ? Arrays.asList(text.trim().split("\\s+"))
              : null;
      return Optional.of(
          new HttpApiEvents.Authorization(Claims.asStrings(claims.toJSONObject()), scopes));
    } catch (ParseException | JOSEException | RuntimeException invalid) {
      return Optional.empty();
    }
  }
}
