package dev.switchboard.presence;

import java.time.Duration;
import java.util.List;

import dev.switchboard.limits.OnlineChange;
import dev.switchboard.presence.PresenceAnnouncerTests.ManualScheduler;
import dev.switchboard.support.CapturingChannel;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OnlineAnnouncer}: first and last connections coalesced within the
 * window (whose end is run by hand), and the online list as announced.
 */
class OnlineAnnouncerTests {

	private final CapturingChannel broker = new CapturingChannel();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final OnlineAnnouncer announcer = new OnlineAnnouncer(template(), this.scheduler, Duration.ofSeconds(1));

	@Test
	void comingOnlineIsBroadcastOnTheOnlineTopicWhenTheWindowEnds() {
		this.announcer.changed(new OnlineChange("alice", true));
		assertThat(this.broker.messages()).isEmpty();

		this.scheduler.runAll();

		Message<?> message = this.broker.single();
		assertThat(SimpMessageHeaderAccessor.getDestination(message.getHeaders())).isEqualTo("/topic/presence.online");
		assertThat(payload(message)).isEqualTo("{\"type\":\"online\",\"user\":\"alice\",\"state\":\"online\"}");
	}

	@Test
	void aReloadWithinTheWindowSendsNothing() {
		online("alice");
		this.broker.clear();

		this.announcer.announce("alice", false);
		this.announcer.announce("alice", true);
		this.scheduler.runAll();

		assertThat(this.broker.messages()).isEmpty();
		assertThat(this.announcer.pending()).isZero();
	}

	@Test
	void aFloodOfConnectsAndClosesSendsAtMostOneEventPerWindow() {
		online("alice");
		this.broker.clear();
		for (int i = 0; i < 1000; i++) {
			this.announcer.announce("alice", false);
			this.announcer.announce("alice", true);
		}
		this.announcer.announce("alice", false);
		assertThat(this.scheduler.scheduled).isOne();

		this.scheduler.runAll();

		assertThat(payload(this.broker.single())).contains("\"offline\"");
	}

	@Test
	void usersAreCoalescedApart() {
		this.announcer.announce("alice", true);
		this.announcer.announce("bob", true);
		this.announcer.announce("bob", false);
		this.scheduler.runAll();

		assertThat(payload(this.broker.single())).contains("\"alice\"");
	}

	@Test
	void aWindowOfZeroSendsEveryChangeAtOnce() {
		OnlineAnnouncer atOnce = new OnlineAnnouncer(template(), this.scheduler, Duration.ZERO);
		atOnce.announce("alice", true);
		atOnce.announce("alice", false);

		assertThat(this.broker.messages()).hasSize(2);
		assertThat(this.scheduler.scheduled).isZero();
	}

	@Test
	void theListAgreesWithWhatWasAnnounced() {
		online("alice");
		online("bob");
		// Bob's last connection closes and Carol connects; neither is announced yet.
		this.announcer.announce("bob", false);
		this.announcer.announce("carol", true);

		assertThat(this.announcer.asAnnounced(List.of("alice", "carol"), 2, "dave", 500))
			.as("bob until his going offline is announced, carol once her coming online is")
			.isEqualTo(new OnlineUsers(List.of("alice", "bob"), 2));
		assertThat(this.announcer.asAnnounced(List.of("alice", "carol"), 2, "carol", 500))
			.as("the asking user is there")
			.isEqualTo(new OnlineUsers(List.of("alice", "bob", "carol"), 3));

		this.scheduler.runAll();
		assertThat(this.announcer.asAnnounced(List.of("alice", "carol"), 2, "dave", 500))
			.isEqualTo(new OnlineUsers(List.of("alice", "carol"), 2));
	}

	@Test
	void aBoundedListStaysBoundedAndCountsEveryone() {
		online("amy");
		online("bea");
		this.announcer.announce("amy", false);

		OnlineUsers users = this.announcer.asAnnounced(List.of("bea", "cal"), 5, null, 2);

		assertThat(users.users()).as("amy is still listed, within the first two by name").containsExactly("amy", "bea");
		assertThat(users.total()).isEqualTo(6);
	}

	private void online(String user) {
		this.announcer.announce(user, true);
		this.scheduler.runAll();
	}

	private static String payload(Message<?> message) {
		return new String((byte[]) message.getPayload());
	}

	private SimpMessagingTemplate template() {
		SimpMessagingTemplate template = new SimpMessagingTemplate(this.broker);
		template.setMessageConverter(new JacksonJsonMessageConverter());
		return template;
	}

}
