package dev.switchboard.system;

import java.util.Iterator;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Splits a message to {@code /user/{name}/…} into one message per connection of that
 * user, on the broker channel.
 *
 * <p>
 * Spring Framework 7.0 fails to deliver a user-destination message to the second and
 * later sessions of a user when inbound order is preserved ("Expected mutable
 * SimpMessageHeaderAccessor"), because it reuses one message for every session. One
 * message per session, addressed with its session id, takes the path that works; this
 * covers {@code convertAndSendToUser} and {@code @SendToUser} alike.
 */
@Component
public class UserSessionSplitter implements ChannelInterceptor {

	private static final String USER_PREFIX = "/user/";

	private final SimpUserRegistry users;

	public UserSessionSplitter(@Lazy SimpUserRegistry users) {
		this.users = users;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		MessageHeaders headers = message.getHeaders();
		String destination = SimpMessageHeaderAccessor.getDestination(headers);
		if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE
				|| SimpMessageHeaderAccessor.getSessionId(headers) != null || destination == null
				|| !destination.startsWith(USER_PREFIX)) {
			return message;
		}
		int end = destination.indexOf('/', USER_PREFIX.length());
		SimpUser user = (end > 0) ? this.users.getUser(destination.substring(USER_PREFIX.length(), end)) : null;
		if (user == null || user.getSessions().size() < 2) {
			return message;
		}
		Iterator<SimpSession> sessions = user.getSessions().iterator();
		Message<?> first = forSession(message, sessions.next());
		while (sessions.hasNext()) {
			channel.send(forSession(message, sessions.next()));
		}
		return first;
	}

	private static Message<?> forSession(Message<?> message, SimpSession session) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
		accessor.setSessionId(session.getId());
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
	}

}
