package dev.switchboard.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import dev.switchboard.support.CapturingChannel;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PresenceAnnouncer}: changes within the coalescing window, with the
 * window's end run by hand.
 */
class PresenceAnnouncerTests {

	private final CapturingChannel broker = new CapturingChannel();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final PresenceAnnouncer announcer = new PresenceAnnouncer(template(), this.scheduler,
			Duration.ofSeconds(1));

	@Test
	void aJoinIsAnnouncedWhenTheWindowEnds() {
		this.announcer.announce(joined("alice"), "s1");
		assertThat(this.broker.messages()).isEmpty();

		this.scheduler.runAll();

		assertThat(this.broker.messages()).singleElement()
			.satisfies((message) -> assertThat(new String((byte[]) message.getPayload())).contains("\"joined\""));
	}

	@Test
	void aJoinAndALeaveWithinTheWindowSendNothing() {
		this.announcer.announce(joined("alice"), "s1");
		this.announcer.announce(left("alice"), null);
		this.scheduler.runAll();

		assertThat(this.broker.messages()).isEmpty();
		assertThat(this.announcer.pending()).isZero();
	}

	@Test
	void aFloodOfChangesSendsAtMostOneEventPerWindow() {
		this.announcer.announce(joined("alice"), "s1");
		this.scheduler.runAll();
		this.broker.clear();
		for (int i = 0; i < 1000; i++) {
			this.announcer.announce(left("alice"), null);
			this.announcer.announce(joined("alice"), "s1");
		}
		this.announcer.announce(left("alice"), null);
		this.scheduler.runAll();

		assertThat(this.broker.messages()).singleElement()
			.satisfies((message) -> assertThat(new String((byte[]) message.getPayload())).contains("\"left\""));
		assertThat(this.scheduler.scheduled).isZero();
	}

	@Test
	void usersAreCoalescedApart() {
		this.announcer.announce(joined("alice"), "s1");
		this.announcer.announce(joined("bob"), "s2");
		this.announcer.announce(left("bob"), null);
		this.scheduler.runAll();

		assertThat(this.broker.messages()).hasSize(1);
	}

	@Test
	void aMemberListAgreesWithWhatWasAnnounced() {
		this.announcer.announce(joined("alice"), "s1");
		this.announcer.announce(joined("bob"), "s2");
		this.scheduler.runAll();
		// Bob's connection drops; Carol joins; neither is announced yet.
		this.announcer.announce(left("bob"), null);
		this.announcer.announce(joined("carol"), "s3");

		assertThat(this.announcer.asAnnounced("lobby", List.of("alice", "carol"), "dave"))
			.as("bob until his leave is announced, carol once her join is")
			.containsExactly("alice", "bob");
		assertThat(this.announcer.asAnnounced("lobby", List.of("alice", "carol"), "carol"))
			.as("the asking user is there")
			.containsExactly("alice", "bob", "carol");
		assertThat(this.announcer.asAnnounced("garden", List.of("erin"), null)).containsExactly("erin");
	}

	private static PresenceEvent joined(String user) {
		return new PresenceEvent("lobby", user, PresenceEvent.JOINED);
	}

	private static PresenceEvent left(String user) {
		return new PresenceEvent("lobby", user, PresenceEvent.LEFT);
	}

	private SimpMessagingTemplate template() {
		SimpMessagingTemplate template = new SimpMessagingTemplate(this.broker);
		template.setMessageConverter(new JacksonJsonMessageConverter());
		return template;
	}

	/**
	 * Keeps scheduled tasks until {@link #runAll}.
	 */
	static final class ManualScheduler extends ThreadPoolTaskScheduler {

		private final List<Runnable> tasks = new ArrayList<>();

		int scheduled;

		@Override
		public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
			this.tasks.add(task);
			this.scheduled++;
			return null;
		}

		void runAll() {
			List<Runnable> due = new ArrayList<>(this.tasks);
			this.tasks.clear();
			this.scheduled -= due.size();
			due.forEach(Runnable::run);
		}

	}

}
