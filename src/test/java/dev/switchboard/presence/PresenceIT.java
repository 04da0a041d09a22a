package dev.switchboard.presence;

import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence events and the member list.
 */
@SwitchboardTest
class PresenceIT {

	@LocalServerPort
	int port;

	@Autowired
	PresenceTracker presence;

	@Test
	void presenceIsAnnouncedForAUsersFirstJoinAndLastLeaveOnly() {
		TestUsers users = new TestUsers(this.port);
		String room = "presence-" + UUID.randomUUID().toString().substring(0, 8);
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		try (StompTestClient watcher = StompTestClient.connect(this.port, alice.token())) {
			Inbox events = watcher.join(room);

			StompTestClient bobTab1 = StompTestClient.connect(this.port, bob.token());
			StompTestClient bobTab2 = StompTestClient.connect(this.port, bob.token());
			bobTab1.join(room);
			assertThat(events.next()).containsEntry("type", "presence")
				.containsEntry("user", bob.name())
				.containsEntry("state", "joined");
			bobTab2.join(room);
			assertThat(watcher.members(room)).containsExactlyInAnyOrder(alice.name(), bob.name());

			bobTab1.close();
			await().until(() -> this.presence.subscriptions(room, bob.name()) == 1);
			watcher.send("/app/rooms/" + room + "/messages", Map.of("text", "marker"));
			// Bob still has a connection in the room: no 'left' before the marker.
			assertThat(events.next()).containsEntry("type", "message").containsEntry("text", "marker");

			bobTab2.close();
			assertThat(events.next()).containsEntry("type", "presence")
				.containsEntry("user", bob.name())
				.containsEntry("state", "left");
			assertThat(watcher.members(room)).containsExactly(alice.name());
		}
	}

	@Test
	void unsubscribingLeavesTheRoom() {
		TestUsers users = new TestUsers(this.port);
		String room = "presence-" + UUID.randomUUID().toString().substring(0, 8);
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			Inbox events = a.join(room);
			b.join(room);
			assertThat(events.nextMatching((event) -> bob.name().equals(event.get("user")))).containsEntry("state",
					"joined");
			b.unsubscribe("/topic/rooms." + room);
			assertThat(events.next()).containsEntry("user", bob.name()).containsEntry("state", "left");
		}
	}

}
