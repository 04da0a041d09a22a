package dev.switchboard.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/**
 * Issues signed, expiring access tokens (HS256 JWTs) that programs present as
 * {@code Authorization: Bearer <token>} on the STOMP CONNECT or on HTTP requests.
 */
@Service
public class TokenService {

	private static final String ROLE_PREFIX = "ROLE_";

	private final JwtEncoder encoder;

	private final TokenProperties properties;

	private final Clock clock;

	TokenService(JwtEncoder encoder, TokenProperties properties) {
		this.encoder = encoder;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Issue a token for an authenticated user, carrying its name and roles.
	 */
	public Token issue(Authentication authentication) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.tokenTtl());
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith(ROLE_PREFIX))
			.map((authority) -> authority.substring(ROLE_PREFIX.length()))
			.toList();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(authentication.getName())
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim("roles", roles)
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String value = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new Token(value, expiresAt.toEpochMilli());
	}

	/**
	 * An access token.
	 *
	 * @param token the signed token
	 * @param expiresAt when it expires, in milliseconds since the epoch
	 */
	public record Token(String token, long expiresAt) {
	}

}
