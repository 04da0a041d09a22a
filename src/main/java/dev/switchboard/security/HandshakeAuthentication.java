package dev.switchboard.security;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

/**
 * Marks a CONNECT that the server builds itself for a connection whose user the HTTP
 * handshake already authenticated (session cookie or access token), so that
 * {@link StompAuthenticationInterceptor} accepts it without STOMP credentials.
 *
 * <p>
 * The mark is a message header, not a STOMP header: a STOMP client cannot set it, since
 * the headers of a decoded frame are all native headers.
 */
public final class HandshakeAuthentication {

	static final String HEADER = "switchboardHandshakeAuthenticated";

	private HandshakeAuthentication() {
	}

	/**
	 * Mark a CONNECT whose user was authenticated by the WebSocket handshake.
	 */
	public static void mark(SimpMessageHeaderAccessor connect) {
		connect.setHeader(HEADER, Boolean.TRUE);
	}

	static boolean isMarked(Message<?> message) {
		return Boolean.TRUE.equals(message.getHeaders().get(HEADER));
	}

}
