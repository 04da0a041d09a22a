package dev.switchboard.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.websocket.BroadcastFanout;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * The catch-ups in progress on this server, by session and subscription id: started by
 * {@link CatchupSubscriptions}, sent by {@link CatchupReplay}, their live frames held by
 * {@link CatchupHoldBack}.
 *
 * <p>
 * While a subscription catches up, the {@link BroadcastFanout} sends its live frames
 * through the client outbound channel, where the hold-back sees them.
 */
@Component
class Catchups {

	private final Map<String, Catchup> catchups = new ConcurrentHashMap<>();

	Catchups(BroadcastFanout fanout) {
		fanout.standardPathFor((sessionId, subscriptionId) -> !this.catchups.isEmpty()
				&& this.catchups.containsKey(key(sessionId, subscriptionId)));
	}

	/**
	 * The key of the subscription a message belongs to.
	 */
	static String key(MessageHeaders headers) {
		return key(SimpMessageHeaderAccessor.getSessionId(headers),
				SimpMessageHeaderAccessor.getSubscriptionId(headers));
	}

	static String key(String sessionId, String subscriptionId) {
		return sessionId + '/' + subscriptionId;
	}

	boolean isEmpty() {
		return this.catchups.isEmpty();
	}

	/**
	 * Note a new catch-up; one it replaces (the same subscription id again) stops.
	 */
	void add(Catchup catchup) {
		Catchup replaced = this.catchups.put(catchup.key, catchup);
		if (replaced != null) {
			replaced.stop();
		}
	}

	Catchup get(String key) {
		return this.catchups.get(key);
	}

	/**
	 * Whether the given catch-up is still the one in progress for its subscription.
	 */
	boolean isCurrent(Catchup catchup) {
		return this.catchups.get(catchup.key) == catchup;
	}

	/**
	 * Forget a subscription's catch-up; one still being sent stops.
	 */
	void remove(String key) {
		Catchup catchup = this.catchups.remove(key);
		if (catchup != null) {
			catchup.stop();
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		if (!this.catchups.isEmpty()) {
			this.catchups.values().removeIf((catchup) -> {
				boolean ofSession = catchup.sessionId.equals(event.getSessionId());
				if (ofSession) {
					catchup.stop();
				}
				return ofSession;
			});
		}
	}

}
