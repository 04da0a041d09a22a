package dev.switchboard.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.rooms.RoomNames;
import dev.switchboard.websocket.ExcludeSelfInterceptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Broadcasts presence changes coalesced per user and room: a change is announced once it
 * has held for the coalescing window, so a user who leaves and comes back within it (a
 * reload, a flood of SUBSCRIBE and UNSUBSCRIBE frames) sends nothing, and one who joins
 * and leaves within it sends nothing either.
 *
 * <p>
 * A window of zero announces every change at once.
 */
@Component
class PresenceAnnouncer {

	private final SimpMessageSendingOperations messaging;

	private final TaskScheduler scheduler;

	private final Duration window;

	/** room + user → what others were told and what holds now, while they differ. */
	private final Map<String, Change> changes = new ConcurrentHashMap<>();

	@Autowired
	PresenceAnnouncer(@Lazy SimpMessageSendingOperations messaging,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler, PresenceProperties properties) {
		this(messaging, scheduler, properties.coalesceWindow());
	}

	PresenceAnnouncer(SimpMessageSendingOperations messaging, TaskScheduler scheduler, Duration window) {
		this.messaging = messaging;
		this.scheduler = scheduler;
		this.window = window;
	}

	/**
	 * Announce a user's first subscription to a room or their last one ending.
	 * @param event the change
	 * @param sessionId the connection that joined, which is not told (it learns who is
	 * there from the member list), or {@code null}
	 */
	void announce(PresenceEvent event, String sessionId) {
		if (this.window.isZero() || this.window.isNegative()) {
			send(event, sessionId);
			return;
		}
		String key = event.room() + '\u0000' + event.user();
		this.changes.compute(key, (k, change) -> {
			if (change == null) {
				// Others were told the opposite of this event (or nothing, for a join).
				change = new Change(!PresenceEvent.JOINED.equals(event.state()));
				this.scheduler.schedule(() -> flush(key), Instant.now().plus(this.window));
			}
			change.latest = event;
			change.sessionId = sessionId;
			return change;
		});
	}

	/**
	 * A room's members as the others have been told: a user whose leave is not announced
	 * yet is still listed, and one whose join is not announced yet is not listed yet
	 * (unless it is the asking user), so that a member list and the events that follow it
	 * add up.
	 * @param members the members now
	 * @param asking the user who asks, or {@code null}
	 */
	List<String> asAnnounced(String room, List<String> members, String asking) {
		if (this.changes.isEmpty()) {
			return members;
		}
		String prefix = room + '\u0000';
		List<String> told = null;
		for (Map.Entry<String, Change> pending : this.changes.entrySet()) {
			if (!pending.getKey().startsWith(prefix)) {
				continue;
			}
			String user = pending.getKey().substring(prefix.length());
			told = (told != null) ? told : new ArrayList<>(members);
			if (pending.getValue().toldPresent && !told.contains(user)) {
				told.add(user);
			}
			else if (!pending.getValue().toldPresent && !user.equals(asking)) {
				told.remove(user);
			}
		}
		if (told == null) {
			return members;
		}
		told.sort(null);
		return told;
	}

	/**
	 * How many users' changes wait for their window to end.
	 */
	int pending() {
		return this.changes.size();
	}

	private void flush(String key) {
		Change[] flushed = new Change[1];
		this.changes.computeIfPresent(key, (k, change) -> {
			flushed[0] = change;
			return null;
		});
		Change change = flushed[0];
		if (change != null && change.toldPresent != PresenceEvent.JOINED.equals(change.latest.state())) {
			send(change.latest, change.sessionId);
		}
	}

	private void send(PresenceEvent event, String sessionId) {
		if (sessionId != null) {
			this.messaging.convertAndSend(RoomNames.topic(event.room()), event,
					ExcludeSelfInterceptor.excluding(sessionId));
		}
		else {
			this.messaging.convertAndSend(RoomNames.topic(event.room()), event);
		}
	}

	/**
	 * The presence of one user in one room within a window.
	 */
	private static final class Change {

		/** Whether others were last told the user is present. */
		final boolean toldPresent;

		PresenceEvent latest;

		String sessionId;

		Change(boolean toldPresent) {
			this.toldPresent = toldPresent;
		}

	}

}
