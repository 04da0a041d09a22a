package dev.switchboard.websocket;

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
 * A workaround: Spring Framework 7.0 (seen in 7.0.x with Spring Boot 4.0.7) fails to
 * deliver a user-destination message to the second and later sessions of a user when
 * inbound order is preserved ("Expected mutable SimpMessageHeaderAccessor"), because
 * {@code UserDestinationMessageHandler} reuses one message for every session. One message
 * per session, addressed with its session id, takes the path that works; this covers
 * {@code convertAndSendToUser} and {@code @SendToUser} alike. It can go once a user
 * message reaches every session of its user with {@code setPreserveReceiveOrder(true)}
 * without it ({@code UserSessionSplitterTests} and {@code DirectMessagesIT} tell).
 */
@Component
public class UserSessionSplitter implements ChannelInterceptor {

	/** The prefix of user destinations. */
	public static final String USER_PREFIX = "/user/";

	private final SimpUserRegistry users;

	public UserSessionSplitter(@Lazy SimpUserRegistry users) {
		this.users = users;
	}

	/**
	 * The user a destination such as {@code /user/alice/queue/messages} is for.
	 */
	public static String userName(String destination) {
		int end = destination.indexOf('/', USER_PREFIX.length());
		return (end > 0) ? destination.substring(USER_PREFIX.length(), end) : "";
	}

	/**
	 * Whether a message on the broker channel is for all of a user's connections (not yet
	 * addressed to one of them).
	 */
	public static boolean isForAllConnections(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		String destination = SimpMessageHeaderAccessor.getDestination(headers);
		return SimpMessageHeaderAccessor.getMessageType(headers) == SimpMessageType.MESSAGE
				&& SimpMessageHeaderAccessor.getSessionId(headers) == null && destination != null
				&& destination.startsWith(USER_PREFIX);
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (!isForAllConnections(message)) {
			return message;
		}
		SimpUser user = this.users.getUser(userName(SimpMessageHeaderAccessor.getDestination(message.getHeaders())));
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
