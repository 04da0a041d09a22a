package dev.switchboard.presence;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.switchboard.rooms.RoomNames;
import dev.switchboard.system.ExcludeSelfInterceptor;

import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Tracks which users are in which room on this server, from the subscriptions to
 * {@code /topic/rooms.{room}}, and broadcasts a {@link PresenceEvent} when a user's first
 * subscription to a room starts (to everyone in the room but the joining connection) or
 * their last one ends (by UNSUBSCRIBE or disconnect).
 *
 * <p>
 * Subscriptions are counted once the broker has registered them, on the client inbound
 * channel, so refused subscriptions never count; a session is forgotten when its
 * connection closes.
 */
@Component
public class PresenceTracker implements ExecutorChannelInterceptor, WebSocketMessageBrokerConfigurer {

	private final SimpMessageSendingOperations messaging;

	/** room → user → number of that user's subscriptions to the room. */
	private final Map<String, Map<String, Integer>> rooms = new HashMap<>();

	/** open session id → subscription id → the room and user it counts for. */
	private final Map<String, Map<String, Entry>> sessions = new HashMap<>();

	PresenceTracker(@Lazy SimpMessageSendingOperations messaging) {
		this.messaging = messaging;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this);
	}

	/**
	 * The users in a room now, by name.
	 */
	public synchronized List<String> members(String room) {
		return new ArrayList<>(this.rooms.getOrDefault(room, Map.of()).keySet());
	}

	/**
	 * How many subscriptions a user has to a room on this server.
	 */
	synchronized int subscriptions(String room, String user) {
		return this.rooms.getOrDefault(room, Map.of()).getOrDefault(user, 0);
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		if (ex != null || !(handler instanceof AbstractBrokerMessageHandler)) {
			return;
		}
		MessageHeaders headers = message.getHeaders();
		SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
		if (type == SimpMessageType.SUBSCRIBE) {
			subscribed(headers);
		}
		else if (type == SimpMessageType.UNSUBSCRIBE) {
			unsubscribed(headers);
		}
	}

	@EventListener
	synchronized void connected(SessionConnectEvent event) {
		this.sessions.put(SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders()), new HashMap<>());
	}

	@EventListener
	synchronized void disconnected(SessionDisconnectEvent event) {
		Map<String, Entry> subscriptions = this.sessions.remove(event.getSessionId());
		if (subscriptions != null) {
			subscriptions.values().forEach(this::leave);
		}
	}

	private void subscribed(MessageHeaders headers) {
		String room = RoomNames.fromTopic(SimpMessageHeaderAccessor.getDestination(headers));
		Principal user = SimpMessageHeaderAccessor.getUser(headers);
		String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
		String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(headers);
		if (room == null || user == null || subscriptionId == null) {
			return;
		}
		synchronized (this) {
			Map<String, Entry> subscriptions = this.sessions.get(sessionId);
			if (subscriptions == null) {
				return; // the connection closed meanwhile
			}
			subscriptions.put(subscriptionId, new Entry(room, user.getName()));
			int count = this.rooms.computeIfAbsent(room, (name) -> new TreeMap<>())
				.merge(user.getName(), 1, Integer::sum);
			if (count == 1) {
				// Not to the joining connection: it learns who is here from
				// /app/rooms/{room}/members.
				this.messaging.convertAndSend(RoomNames.topic(room),
						new PresenceEvent(room, user.getName(), PresenceEvent.JOINED),
						ExcludeSelfInterceptor.excluding(sessionId));
			}
		}
	}

	private synchronized void unsubscribed(MessageHeaders headers) {
		Map<String, Entry> subscriptions = this.sessions.get(SimpMessageHeaderAccessor.getSessionId(headers));
		Entry entry = (subscriptions != null)
				? subscriptions.remove(SimpMessageHeaderAccessor.getSubscriptionId(headers)) : null;
		if (entry != null) {
			leave(entry);
		}
	}

	private void leave(Entry entry) {
		Map<String, Integer> users = this.rooms.get(entry.room());
		if (users == null) {
			return;
		}
		Integer remaining = users.computeIfPresent(entry.user(), (user, count) -> (count > 1) ? count - 1 : null);
		if (remaining == null) {
			if (users.isEmpty()) {
				this.rooms.remove(entry.room());
			}
			this.messaging.convertAndSend(RoomNames.topic(entry.room()),
					new PresenceEvent(entry.room(), entry.user(), PresenceEvent.LEFT));
		}
	}

	private record Entry(String room, String user) {
	}

}
