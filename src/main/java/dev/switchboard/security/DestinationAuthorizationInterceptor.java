package dev.switchboard.security;

import java.security.Principal;

import dev.switchboard.system.ClientErrorException;
import dev.switchboard.system.Replies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import dev.switchboard.system.StompErrorHandler;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * Applies the per-destination rules of {@link WebSocketSecurityConfig} to every inbound
 * STOMP frame. A refused SEND is answered with a {@code forbidden} error reply on
 * {@code /user/queue/errors} and dropped, keeping the connection open; any other refused
 * frame (SUBSCRIBE, CONNECT) ends the connection with an ERROR frame, as STOMP requires.
 */
class DestinationAuthorizationInterceptor implements ChannelInterceptor {

	private static final Log logger = LogFactory.getLog(DestinationAuthorizationInterceptor.class);

	private final AuthorizationManager<Message<?>> rules;

	private final Replies replies;

	private final StompErrorHandler errors;

	DestinationAuthorizationInterceptor(AuthorizationManager<Message<?>> rules, Replies replies,
			StompErrorHandler errors) {
		this.rules = rules;
		this.replies = replies;
		this.errors = errors;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		AuthorizationResult result;
		try {
			result = this.rules.authorize(() -> authentication(message), message);
		}
		catch (ClientErrorException ex) {
			this.errors.refuse(message, ex);
			return null;
		}
		catch (IllegalArgumentException ex) {
			// Spring Security's path matcher cannot decode the destination (a stray '%').
			this.errors.refuse(message, ClientErrorException.badRequest("Not a valid destination: "
					+ SimpMessageHeaderAccessor.getDestination(message.getHeaders()) + " (" + ex.getMessage() + ")"));
			return null;
		}
		catch (RuntimeException ex) {
			// Without this, Spring would only log it and the client would get no answer.
			logger.error("Failed to authorize a frame of session "
					+ SimpMessageHeaderAccessor.getSessionId(message.getHeaders()), ex);
			this.errors.refuse(message, ex);
			return null;
		}
		if (result != null && result.isGranted()) {
			return message;
		}
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
		String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
		if (type == SimpMessageType.MESSAGE) {
			this.replies.fail(message, "forbidden", "You may not send to " + destination);
		}
		else if (type == SimpMessageType.SUBSCRIBE) {
			this.errors.refuse(message, new AccessDeniedException("You may not subscribe to " + destination));
		}
		else {
			this.errors.refuse(message, new AccessDeniedException("Not allowed: " + type));
		}
		return null;
	}

	private static Authentication authentication(Message<?> message) {
		Principal user = SimpMessageHeaderAccessor.getUser(message.getHeaders());
		return (user instanceof Authentication authentication) ? authentication : null;
	}

}
