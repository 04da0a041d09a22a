package dev.switchboard.websocket;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The user a WebSocket connection keeps for its whole life: a user authenticated by an
 * access token keeps its name and authorities but not the decoded token (its text, header
 * and claims, about 1 KB), which nothing reads once it has been checked.
 */
public final class ConnectionPrincipal {

	private ConnectionPrincipal() {
	}

	/**
	 * The user to keep for a connection authenticated as {@code user}.
	 */
	public static @Nullable Principal of(@Nullable Principal user) {
		if (user instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			return UsernamePasswordAuthenticationToken.authenticated(token.getName(), null, token.getAuthorities());
		}
		return user;
	}

}
