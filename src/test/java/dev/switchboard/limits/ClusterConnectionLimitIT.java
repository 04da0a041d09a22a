package dev.switchboard.limits;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import dev.switchboard.support.Cluster;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection limit of a cluster of two instances: a user's connections on both count
 * together, and those of an instance that stops or dies stop counting.
 */
class ClusterConnectionLimitIT {

	private static final String LIMIT = "--switchboard.limits.connections-per-user=2";

	private Cluster cluster;

	private int portA;

	private int portB;

	private TestUser alice;

	@BeforeEach
	void startCluster() {
		this.cluster = Cluster.create();
		this.portA = this.cluster.start(LIMIT);
		this.portB = this.cluster.start(LIMIT);
		this.alice = new TestUsers(this.portA).create("alice");
	}

	@AfterEach
	void stopCluster() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void aUserWithAConnectionOnEachInstanceIsRefusedAThirdOnEitherUntilOneCloses() {
		try (StompTestClient onA = StompTestClient.connect(this.portA, this.alice.token())) {
			StompTestClient onB = StompTestClient.connect(this.portB, this.alice.token());
			assertThat(connections(0)).isEqualTo(2);

			assertThat(refused(this.portA)).isEqualTo(tooMany());
			assertThat(refused(this.portB)).isEqualTo(tooMany());
			assertThat(connections(1)).as("refused connections are not counted").isEqualTo(2);

			onB.close();
			await().until(() -> connections(0) == 1);
			try (StompTestClient again = StompTestClient.connect(this.portA, this.alice.token())) {
				assertThat(again.isConnected()).isTrue();
				assertThat(connections(1)).isEqualTo(2);
			}
			assertThat(onA.isConnected()).as("the open connection was not affected").isTrue();
		}
	}

	@Test
	void theConnectionsOfAnInstanceThatStopsStopCounting() {
		try (StompTestClient onA = StompTestClient.connect(this.portA, this.alice.token())) {
			StompTestClient.connect(this.portB, this.alice.token());
			assertThat(refused(this.portA)).isEqualTo(tooMany());

			this.cluster.stop(1);

			await().until(() -> connections(0) == 1);
			try (StompTestClient second = StompTestClient.connect(this.portA, this.alice.token())) {
				assertThat(second.isConnected()).isTrue();
			}
		}
	}

	@Test
	void theConnectionsOfAnInstanceThatDiedStopCountingOnceItIsTakenForDead() {
		JdbcClient database = this.cluster.database();
		database.sql("insert into presence_instances (id, last_seen) values ('instance-dead', ?)")
			.param(Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))))
			.update();
		for (String session : new String[] { "s1", "s2" }) {
			database.sql("insert into cluster_connections (instance_id, session_id, username) values (?, ?, ?)")
				.params("instance-dead", session, this.alice.name())
				.update();
		}
		assertThat(refused(this.portB)).isEqualTo(tooMany());

		await().atMost(Duration.ofSeconds(30)).until(() -> connections(0) == 0);
		try (StompTestClient onB = StompTestClient.connect(this.portB, this.alice.token())) {
			assertThat(connections(0)).isOne();
		}
	}

	/**
	 * The user's connections, as the n-th instance counts them.
	 */
	private int connections(int instance) {
		return this.cluster.instance(instance).getBean(ConnectionLimits.class).connections(this.alice.name());
	}

	private String refused(int port) {
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + this.alice.token());
		return StompTestClient.refused(port, new WebSocketHttpHeaders(), connect);
	}

	private String tooMany() {
		return "Already 2 connections open for " + this.alice.name() + "; close one first";
	}

}
