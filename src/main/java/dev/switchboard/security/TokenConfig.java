package dev.switchboard.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
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

	@Bean
	SecretKey tokenKey(TokenProperties properties) {
		String secret = properties.tokenSecret();
		if (secret.isEmpty()) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			secret = HexFormat.of().formatHex(random);
			logger.warn("switchboard.auth.token-secret is not set: using a random key, so access tokens "
					+ "will not survive a restart or work on other instances");
		}
		else if (secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException("switchboard.auth.token-secret must be at least 32 characters");
		}
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey tokenKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(tokenKey));
	}

	@Bean
	JwtDecoder jwtDecoder(SecretKey tokenKey) {
		return NimbusJwtDecoder.withSecretKey(tokenKey).macAlgorithm(MacAlgorithm.HS256).build();
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
