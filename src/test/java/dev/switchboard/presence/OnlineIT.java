package dev.switchboard.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.limits.ConnectionLimits;
import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who is online, with real STOMP clients: the list on {@code /app/presence/online} and
 * the events on {@code /topic/presence.online}. What must not be announced is shown by a
 * marker: another user's coming online, announced later, arrives first.
 */
@SwitchboardTest
class OnlineIT {

	@LocalServerPort
	int port;

	@Autowired
	ConnectionLimits connections;

	TestUsers users;

	TestUser alice;

	TestUser bob;

	@BeforeEach
	void createUsers() {
		this.users = new TestUsers(this.port);
		this.alice = this.users.create("alice");
		this.bob = this.users.create("bob");
	}

	@Test
	void theListNamesWhoIsOnlineAndTheTopicTellsWhoComesAndGoes() {
		try (StompTestClient watcher = StompTestClient.connect(this.port, this.alice.token())) {
			Inbox events = watcher.subscribe("/topic/presence.online");
			assertThat(online(watcher)).contains(this.alice.name()).doesNotContain(this.bob.name());

			StompTestClient bobTab1 = StompTestClient.connect(this.port, this.bob.token());
			assertThat(next(events, this.bob)).isEqualTo(event(this.bob, "online"));
			assertThat(online(watcher)).contains(this.alice.name(), this.bob.name());

			StompTestClient bobTab2 = StompTestClient.connect(this.port, this.bob.token());
			bobTab1.close();
			await().until(() -> this.connections.connections(this.bob.name()) == 1);
			assertMarkerComesFirst(events);
			assertThat(online(watcher)).as("bob still has a connection").contains(this.bob.name());

			bobTab2.close();
			assertThat(next(events, this.bob)).isEqualTo(event(this.bob, "offline"));
			assertThat(online(watcher)).contains(this.alice.name()).doesNotContain(this.bob.name());
		}
	}

	@Test
	void theListIsSortedAndCountsEveryoneOnline() {
		try (StompTestClient watcher = StompTestClient.connect(this.port, this.alice.token())) {
			Map<String, Object> reply = onlineReply(watcher);
			@SuppressWarnings("unchecked")
			List<String> listed = (List<String>) reply.get("users");
			assertThat(listed).isSorted().contains(this.alice.name());
			assertThat(reply.get("total")).as("fewer than the list's bound: all are listed").isEqualTo(listed.size());
		}
	}

	@Test
	void aReloadWithinTheWindowSendsNothing() {
		try (StompTestClient watcher = StompTestClient.connect(this.port, this.alice.token())) {
			Inbox events = watcher.subscribe("/topic/presence.online");
			watcher.sync();
			StompTestClient before = StompTestClient.connect(this.port, this.bob.token());
			assertThat(next(events, this.bob)).isEqualTo(event(this.bob, "online"));

			before.close();
			await().until(() -> this.connections.connections(this.bob.name()) == 0);
			assertThat(online(watcher)).as("bob's going offline is not announced yet").contains(this.bob.name());
			try (StompTestClient after = StompTestClient.connect(this.port, this.bob.token())) {
				assertMarkerComesFirst(events);
				assertThat(online(watcher)).contains(this.bob.name());
			}
		}
	}

	@Test
	void aFloodOfConnectionsOfOneUserIsBoundedByTheConnectionLimitAndAnnouncedOnce() {
		try (StompTestClient watcher = StompTestClient.connect(this.port, this.alice.token())) {
			Inbox events = watcher.subscribe("/topic/presence.online");
			watcher.sync();
			List<StompTestClient> flood = new ArrayList<>();
			int refused = 0;
			for (int i = 0; i < 30; i++) {
				try {
					flood.add(StompTestClient.connect(this.port, this.bob.token()));
				}
				catch (AssertionError ex) {
					assertThat(ex).hasMessageContaining("connections open for " + this.bob.name());
					refused++;
				}
			}
			assertThat(flood).hasSize(20);
			assertThat(refused).isEqualTo(10);
			assertThat(next(events, this.bob)).isEqualTo(event(this.bob, "online"));
			assertMarkerComesFirst(events);

			flood.forEach(StompTestClient::close);
			assertThat(next(events, this.bob)).isEqualTo(event(this.bob, "offline"));
			assertMarkerComesFirst(events);
		}
	}

	@Test
	void aClientCannotForgeOnlineEvents() {
		try (StompTestClient watcher = StompTestClient.connect(this.port, this.alice.token())) {
			Inbox events = watcher.subscribe("/topic/presence.online");
			watcher.sync();
			StompTestClient mallory = StompTestClient.connect(this.port, this.bob.token());
			Inbox errors = mallory.subscribe("/user/queue/errors");
			mallory.sync();
			assertThat(next(events, this.bob)).isEqualTo(event(this.bob, "online"));

			mallory.send("/topic/presence.online", Map.of("type", "online", "user", "ghost", "state", "online"));
			mallory.send("/app/presence/online", Map.of());

			assertThat(errors.next()).containsEntry("code", "forbidden");
			assertThat(errors.next()).containsEntry("code", "forbidden");
			assertMarkerComesFirst(events);
			mallory.close();
		}
	}

	/**
	 * Connect a new user and assert that their coming online is the next event about this
	 * test's users.
	 */
	private void assertMarkerComesFirst(Inbox events) {
		TestUser marker = this.users.create("marker");
		try (StompTestClient client = StompTestClient.connect(this.port, marker.token())) {
			Set<Object> ours = Set.of(this.bob.name(), marker.name());
			assertThat(events.nextMatching((event) -> ours.contains(event.get("user"))))
				.isEqualTo(event(marker, "online"));
		}
	}

	private Map<String, Object> next(Inbox events, TestUser user) {
		return events.nextMatching((event) -> user.name().equals(event.get("user")));
	}

	private static Map<String, Object> event(TestUser user, String state) {
		return Map.of("type", "online", "user", user.name(), "state", state);
	}

	@SuppressWarnings("unchecked")
	private static List<String> online(StompTestClient client) {
		return (List<String>) onlineReply(client).get("users");
	}

	private static Map<String, Object> onlineReply(StompTestClient client) {
		Inbox reply = client.subscribe("/app/presence/online");
		Map<String, Object> online = reply.next();
		client.unsubscribe("/app/presence/online");
		return online;
	}

}
