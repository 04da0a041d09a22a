package dev.switchboard.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import dev.switchboard.limits.OnlineChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Broadcasts on {@value #TOPIC} who came online and who went offline, coalesced per user
 * like room presence: a change is announced once it has held for the coalescing window,
 * so a reload (the last connection closes, a new one opens) sends nothing. Each change
 * costs one broadcast, which only the topic's subscribers receive.
 *
 * <p>
 * The changes come from the connection limits' {@link OnlineChange} events (each user's
 * first and last connection, counted across a cluster) and, in a cluster, from the sweep
 * of dead instances. The online list is adjusted by {@link #asAnnounced} to agree with
 * what was announced. A window of zero announces every change at once.
 */
@Component
class OnlineAnnouncer {

	/** The destination of {@link OnlineEvent}s. */
	static final String TOPIC = "/topic/presence.online";

	private static final Logger logger = LoggerFactory.getLogger(OnlineAnnouncer.class);

	private final SimpMessageSendingOperations messaging;

	private final TaskScheduler scheduler;

	private final Duration window;

	/** user → what others were told and what holds now, until the window ends. */
	private final Map<String, Change> changes = new ConcurrentHashMap<>();

	/** Users announced online whose going offline is not announced yet, by name. */
	private final NavigableSet<String> ghosts = new ConcurrentSkipListSet<>();

	/** Users online whose coming online is not announced yet. */
	private final Set<String> hidden = ConcurrentHashMap.newKeySet();

	@Autowired
	OnlineAnnouncer(@Lazy SimpMessageSendingOperations messaging,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler, PresenceProperties properties) {
		this(messaging, scheduler, properties.coalesceWindow());
	}

	OnlineAnnouncer(SimpMessageSendingOperations messaging, TaskScheduler scheduler, Duration window) {
		this.messaging = messaging;
		this.scheduler = scheduler;
		this.window = window;
	}

	@EventListener
	void changed(OnlineChange change) {
		announce(change.user(), change.online());
	}

	/**
	 * Announce that a user came online or went offline, once the window ends.
	 */
	void announce(String user, boolean online) {
		if (this.window.isZero() || this.window.isNegative()) {
			send(OnlineEvent.of(user, online));
			return;
		}
		boolean[] opened = new boolean[1];
		this.changes.compute(user, (name, change) -> {
			if (change == null) {
				// Others were told the opposite (or nothing, for coming online).
				change = new Change(!online);
				opened[0] = true;
			}
			change.online = online;
			mark(name, change);
			return change;
		});
		if (opened[0]) {
			try {
				this.scheduler.schedule(() -> flush(user), Instant.now().plus(this.window));
			}
			catch (TaskRejectedException ex) {
				flush(user); // stopping: no window to wait for
			}
		}
	}

	/**
	 * The online list as the topic's subscribers have been told: a user whose going
	 * offline is not announced yet is still listed, one whose coming online is not
	 * announced yet is not (unless it is the asking user), so that the list and the
	 * events that follow it add up.
	 * @param first the first users online now by name, at most {@code max}
	 * @param total how many users are online now
	 * @param asking the user who asks, or {@code null}
	 */
	OnlineUsers asAnnounced(List<String> first, int total, String asking, int max) {
		if (this.changes.isEmpty()) {
			return new OnlineUsers(first, total);
		}
		boolean complete = first.size() >= total;
		List<String> users = new ArrayList<>(first.size());
		for (String user : first) {
			if (!this.hidden.contains(user) || user.equals(asking)) {
				users.add(user);
			}
		}
		Set<String> ghosts = (complete || first.isEmpty()) ? this.ghosts
				: this.ghosts.headSet(first.get(first.size() - 1));
		int added = 0;
		for (String ghost : ghosts) {
			if (added++ == max) {
				break;
			}
			if (!users.contains(ghost)) {
				users.add(ghost);
			}
		}
		users.sort(null);
		if (users.size() > max) {
			users = new ArrayList<>(users.subList(0, max));
		}
		int hiddenOthers = this.hidden.size() - ((asking != null && this.hidden.contains(asking)) ? 1 : 0);
		int told = total - hiddenOthers + this.ghosts.size();
		return new OnlineUsers(users, Math.max(told, users.size()));
	}

	/**
	 * How many users' changes wait for their window to end.
	 */
	int pending() {
		return this.changes.size();
	}

	private void mark(String user, Change change) {
		if (change.toldOnline == change.online) {
			this.ghosts.remove(user);
			this.hidden.remove(user);
		}
		else if (change.toldOnline) {
			this.ghosts.add(user);
		}
		else {
			this.hidden.add(user);
		}
	}

	private void flush(String user) {
		Change[] flushed = new Change[1];
		this.changes.computeIfPresent(user, (name, change) -> {
			flushed[0] = change;
			this.ghosts.remove(name);
			this.hidden.remove(name);
			return null;
		});
		Change change = flushed[0];
		if (change != null && change.toldOnline != change.online) {
			send(OnlineEvent.of(user, change.online));
		}
	}

	private void send(OnlineEvent event) {
		try {
			this.messaging.convertAndSend(TOPIC, event);
			logger.debug("Announced {} {}", event.user(), event.state());
		}
		catch (RuntimeException ex) {
			logger.info("Could not announce that {} is {}: {}", event.user(), event.state(), ex.toString());
		}
	}

	/**
	 * Whether one user is online, within a window.
	 */
	private static final class Change {

		/** Whether the subscribers were last told the user is online. */
		final boolean toldOnline;

		boolean online;

		Change(boolean toldOnline) {
			this.toldOnline = toldOnline;
		}

	}

}
