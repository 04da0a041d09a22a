package dev.switchboard.presence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.switchboard.support.Cluster;
import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is online in a cluster of two instances: the list of either names the users of
 * both, the events of one reach the subscribers of the other, and the users of a dead
 * instance go offline once it is taken for dead.
 */
class ClusterOnlineIT {

	private static final String HEARTBEAT = "--switchboard.cluster.presence.heartbeat-period=1s";

	private static final Duration EXPIRY = Duration.ofSeconds(20);

	private Cluster cluster;

	private int portA;

	private int portB;

	private TestUser alice;

	private TestUser bob;

	@BeforeEach
	void startCluster() {
		this.cluster = Cluster.create();
		this.portA = this.cluster.start(HEARTBEAT);
		this.portB = this.cluster.start(HEARTBEAT);
		TestUsers users = new TestUsers(this.portA);
		this.alice = users.create("alice");
		this.bob = users.create("bob");
	}

	@AfterEach
	void stopCluster() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void aUserOnOneInstanceIsListedAndAnnouncedOnTheOther() {
		try (StompTestClient onA = StompTestClient.connect(this.portA, this.alice.token())) {
			Inbox events = onA.subscribe("/topic/presence.online");
			assertThat(online(onA)).containsExactly(this.alice.name());

			StompTestClient onB = StompTestClient.connect(this.portB, this.bob.token());
			assertThat(about(events, this.bob)).isEqualTo(event(this.bob, "online"));
			assertThat(online(onA)).containsExactly(this.alice.name(), this.bob.name());
			assertThat(online(onB)).containsExactly(this.alice.name(), this.bob.name());

			StompTestClient secondOnA = StompTestClient.connect(this.portA, this.bob.token());
			onB.close();
			TestUser marker = new TestUsers(this.portA).create("marker");
			try (StompTestClient markerOnB = StompTestClient.connect(this.portB, marker.token())) {
				assertThat(about(events, this.bob, marker)).as("bob is still online, on the other instance")
					.isEqualTo(event(marker, "online"));
			}

			secondOnA.close();
			assertThat(about(events, this.bob)).isEqualTo(event(this.bob, "offline"));
			assertThat(online(onA)).doesNotContain(this.bob.name());
		}
	}

	@Test
	void theUsersOfADeadInstanceGoOfflineOnceItIsTakenForDead() {
		// An instance that stopped its heartbeats 16 s ago: dead in 4 s.
		JdbcClient database = this.cluster.database();
		database.sql("insert into presence_instances (id, last_seen) values ('instance-dead', ?)")
			.param(Timestamp.from(Instant.now().minus(EXPIRY).plus(Duration.ofSeconds(4))))
			.update();
		database.sql("insert into cluster_connections (instance_id, session_id, username) values (?, ?, ?)")
			.params("instance-dead", "s1", this.bob.name())
			.update();
		try (StompTestClient onA = StompTestClient.connect(this.portA, this.alice.token())) {
			Inbox events = onA.subscribe("/topic/presence.online");
			assertThat(online(onA)).containsExactly(this.alice.name(), this.bob.name());

			assertThat(about(events, this.bob)).isEqualTo(event(this.bob, "offline"));
			assertThat(online(onA)).containsExactly(this.alice.name());
		}
	}

	/**
	 * The next event about one of the given users (not about the watching one, whose own
	 * coming online may arrive too).
	 */
	private static Map<String, Object> about(Inbox events, TestUser... users) {
		List<String> names = Arrays.stream(users).map(TestUser::name).toList();
		return events.nextMatching((event) -> names.contains(event.get("user")));
	}

	private static Map<String, Object> event(TestUser user, String state) {
		return Map.of("type", "online", "user", user.name(), "state", state);
	}

	@SuppressWarnings("unchecked")
	private static List<String> online(StompTestClient client) {
		Inbox reply = client.subscribe("/app/presence/online");
		Map<String, Object> online = reply.next();
		client.unsubscribe("/app/presence/online");
		return (List<String>) online.get("users");
	}

}
