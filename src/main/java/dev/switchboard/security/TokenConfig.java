package dev.switchboard.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The key that signs and verifies access tokens, and how a token's claims become a
 * principal with roles.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfig {

	private static final Log logger = LogFactory.getLog(TokenConfig.class);

	private static final int MIN_SECRET_LENGTH = 32;

	private static final String TOKEN_KEY = "token";

	@Bean
	SecretKey tokenKey(TokenProperties properties, JdbcClient jdbc) {
		String secret = properties.tokenSecret();
		if (secret.isEmpty()) {
			secret = storedSecret(jdbc);
		}
		else if (secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException("switchboard.auth.token-secret must be at least 32 characters");
		}
		return key(secret);
	}

	static SecretKey key(String secret) {
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * The key generated on first start and kept in the database, so that tokens survive
	 * restarts and every instance on the same database accepts them.
	 */
	private static String storedSecret(JdbcClient jdbc) {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		try {
			jdbc.sql("insert into server_keys (name, secret) values (?, ?)")
				.params(TOKEN_KEY, HexFormat.of().formatHex(random))
				.update();
			logger.info("Generated the key that signs access tokens (kept in the database)");
		}
		catch (DuplicateKeyException ex) {
			// generated before, possibly by another instance
		}
		return jdbc.sql("select secret from server_keys where name = ?").param(TOKEN_KEY).query(String.class).single();
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey tokenKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(tokenKey));
	}

	/**
	 * Verifies a token's signature and its times; a token without an expiry ({@code exp})
	 * is refused, since it would be valid for ever.
	 */
	@Bean
	JwtDecoder jwtDecoder(SecretKey tokenKey) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenKey).macAlgorithm(MacAlgorithm.HS256).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
		return decoder;
	}

	@Bean
	JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

}
