package dev.switchboard.security;

import java.security.Principal;

import dev.switchboard.system.StompErrorHandler;
import dev.switchboard.websocket.ConnectionPrincipal;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.messaging.web.csrf.XorCsrfChannelInterceptor;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates the STOMP CONNECT: either {@code Authorization: Bearer <token>} as a
 * STOMP header, or the logged-in HTTP session of the handshake together with its CSRF
 * token header. Anything else is refused, which ends the connection with an ERROR frame.
 * A CONNECT the server built for a user the handshake authenticated (see
 * {@link HandshakeAuthentication}) is accepted as it is.
 */
class StompAuthenticationInterceptor implements ChannelInterceptor {

	private static final String AUTHORIZATION = "Authorization";

	private static final String BEARER = "Bearer ";

	private final AuthenticationProvider tokenAuthentication;

	private final StompErrorHandler errors;

	private final XorCsrfChannelInterceptor csrf = new XorCsrfChannelInterceptor();

	StompAuthenticationInterceptor(AuthenticationProvider tokenAuthentication, StompErrorHandler errors) {
		this.tokenAuthentication = tokenAuthentication;
		this.errors = errors;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || !isConnect(accessor.getCommand())) {
			return message;
		}
		try {
			return authenticate(message, channel, accessor);
		}
		catch (AuthenticationException | AccessDeniedException ex) {
			this.errors.refuse(message, ex);
			return null;
		}
		catch (RuntimeException ex) {
			// Anything else a malformed credential provokes is refused just the same.
			this.errors.refuse(message, new BadCredentialsException("Invalid credentials", ex));
			return null;
		}
	}

	private Message<?> authenticate(Message<?> message, MessageChannel channel, StompHeaderAccessor accessor) {
		if (HandshakeAuthentication.isMarked(message) && accessor.getUser() instanceof Authentication user
				&& user.isAuthenticated()) {
			return message;
		}
		String authorization = accessor.getFirstNativeHeader(AUTHORIZATION);
		if (authorization != null) {
			if (!authorization.startsWith(BEARER)) {
				throw new BadCredentialsException("The Authorization header must be 'Bearer <token>'");
			}
			String token = authorization.substring(BEARER.length()).trim();
			if (token.isEmpty()) {
				throw new BadCredentialsException("The bearer token is empty");
			}
			Authentication user = authenticateToken(token);
			ConnectionLogin.recordToken(accessor.getSessionAttributes(), user);
			accessor.setUser(ConnectionPrincipal.of(user));
			return message;
		}
		Principal sessionUser = accessor.getUser();
		if (sessionUser == null) {
			throw new AuthenticationCredentialsNotFoundException(
					"Authentication required: send 'Authorization: Bearer <token>' or connect from a logged-in page");
		}
		return this.csrf.preSend(message, channel);
	}

	/**
	 * The token's user; a token that is not valid is refused as "invalid token", without
	 * what the decoder found wrong with it.
	 */
	private Authentication authenticateToken(String token) {
		try {
			return this.tokenAuthentication.authenticate(new BearerTokenAuthenticationToken(token));
		}
		catch (RuntimeException ex) {
			throw new BadCredentialsException("invalid token");
		}
	}

	private static boolean isConnect(StompCommand command) {
		return command == StompCommand.CONNECT || command == StompCommand.STOMP;
	}

}
