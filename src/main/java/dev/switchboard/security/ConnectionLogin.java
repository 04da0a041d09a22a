package dev.switchboard.security;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.WebSocketSession;

/**
 * The login a WebSocket connection was authenticated by, kept in its session attributes:
 * either the HTTP session of a logged-in page, or an access token and when it expires.
 * {@link LoginConnections} closes the connection when that login ends.
 */
public final class ConnectionLogin {

	static final String ATTRIBUTE = ConnectionLogin.class.getName();

	private final @Nullable String httpSessionId;

	private final @Nullable Instant tokenExpiresAt;

	private ConnectionLogin(@Nullable String httpSessionId, @Nullable Instant tokenExpiresAt) {
		this.httpSessionId = httpSessionId;
		this.tokenExpiresAt = tokenExpiresAt;
	}

	/**
	 * Note that a connection belongs to a logged-in HTTP session.
	 */
	static void recordSession(Map<String, Object> attributes, String httpSessionId) {
		attributes.put(ATTRIBUTE, new ConnectionLogin(httpSessionId, null));
	}

	/**
	 * Note the expiry of the access token a connection was authenticated by, if it has
	 * one.
	 */
	static void recordToken(@Nullable Map<String, Object> attributes, @Nullable Authentication user) {
		if (attributes != null && user instanceof JwtAuthenticationToken token
				&& token.getToken().getExpiresAt() != null) {
			attributes.put(ATTRIBUTE, new ConnectionLogin(null, token.getToken().getExpiresAt()));
		}
	}

	static @Nullable ConnectionLogin of(WebSocketSession session) {
		return (session.getAttributes().get(ATTRIBUTE) instanceof ConnectionLogin login) ? login : null;
	}

	@Nullable String httpSessionId() {
		return this.httpSessionId;
	}

	boolean tokenExpired(Instant now) {
		return this.tokenExpiresAt != null && !now.isBefore(this.tokenExpiresAt);
	}

}
