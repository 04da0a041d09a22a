package dev.switchboard.presence;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.rooms.RoomNames;
import dev.switchboard.websocket.Pipeline;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Tracks which users are in which room, from the subscriptions to
 * {@code /topic/rooms.{room}}, and broadcasts a {@link PresenceEvent} when a user's first
 * subscription to a room starts (to everyone in the room but the joining connection) or
 * their last one ends (by UNSUBSCRIBE or disconnect). The counting is done by the
 * {@link PresenceLedger}: on this server only, or across a cluster.
 *
 * <p>
 * Subscriptions are counted once the broker has registered them, on the client inbound
 * channel, so refused subscriptions never count; a session is forgotten when its
 * connection closes.
 */
@Component
@Order(Pipeline.PRESENCE)
public class PresenceTracker implements ExecutorChannelInterceptor, WebSocketMessageBrokerConfigurer {

	private final PresenceAnnouncer announcer;

	private final PresenceLedger ledger;

	/**
	 * Open session id → the lock its changes take, so that a subscription racing with the
	 * close of its connection is either forgotten with it or not counted at all.
	 */
	private final Map<String, Object> sessions = new ConcurrentHashMap<>();

	PresenceTracker(PresenceAnnouncer announcer, PresenceLedger ledger) {
		this.announcer = announcer;
		this.ledger = ledger;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this);
	}

	/**
	 * The users in a room now, by name, as the room's presence events have told the
	 * others (see {@link PresenceAnnouncer#asAnnounced}).
	 * @param asking the user who asks, or {@code null}
	 */
	public List<String> members(String room, String asking) {
		return this.announcer.asAnnounced(room, this.ledger.members(room), asking);
	}

	/**
	 * How many subscriptions a user has to a room.
	 */
	int subscriptions(String room, String user) {
		return this.ledger.subscriptions(room, user);
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
	void connected(SessionConnectEvent event) {
		this.sessions.put(SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders()), new Object());
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		Object lock = this.sessions.remove(event.getSessionId());
		if (lock != null) {
			synchronized (lock) {
				this.ledger.forgetSession(event.getSessionId(), this::announce);
			}
		}
	}

	/**
	 * Broadcast a presence event to its room, coalesced with the user's other changes
	 * there.
	 */
	void announce(PresenceEvent event) {
		this.announcer.announce(event, null);
	}

	private void subscribed(MessageHeaders headers) {
		String room = RoomNames.fromTopic(SimpMessageHeaderAccessor.getDestination(headers));
		Principal user = SimpMessageHeaderAccessor.getUser(headers);
		String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
		String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(headers);
		if (room == null || user == null || subscriptionId == null) {
			return;
		}
		// Not to the joining connection: it learns who is here from
		// /app/rooms/{room}/members.
		inSession(sessionId, () -> this.ledger.subscribe(sessionId, subscriptionId, room, user.getName(),
				(event) -> this.announcer.announce(event, sessionId)));
	}

	private void unsubscribed(MessageHeaders headers) {
		String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
		String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(headers);
		if (subscriptionId != null) {
			inSession(sessionId, () -> this.ledger.unsubscribe(sessionId, subscriptionId, this::announce));
		}
	}

	private void inSession(String sessionId, Runnable change) {
		Object lock = (sessionId != null) ? this.sessions.get(sessionId) : null;
		if (lock == null) {
			return; // the connection closed meanwhile
		}
		synchronized (lock) {
			if (this.sessions.get(sessionId) == lock) {
				change.run();
			}
		}
	}

}
