package dev.switchboard.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Cluster;
import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures in a cluster of two instances: an instance stops, or RabbitMQ restarts, and
 * clients recover every message they missed by reconnecting with {@code since-seq}.
 */
class ClusterFailoverIT {

	private Cluster cluster;

	private int portA;

	private int portB;

	private final String room = "f-" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void startCluster() {
		this.cluster = Cluster.create();
		this.portA = this.cluster.start();
		this.portB = this.cluster.start();
	}

	@AfterEach
	void stopCluster() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void whenAnInstanceStopsItsClientsRecoverEveryMissedMessageOnTheOther() {
		TestUsers users = new TestUsers(this.portB);
		TestUser reader = users.create("reader");
		try (StompTestClient writer = StompTestClient.connectWithReceipts(this.portB, users.create("writer").token())) {
			Inbox acks = writer.subscribeConfirmed("/user/queue/acks");
			writer.joinSince(this.room, 0);
			StompTestClient onA = StompTestClient.connectWithReceipts(this.portA, reader.token());
			Inbox before = onA.joinSince(this.room, 0);
			send(writer, 1, 3);
			assertThat(acks.next(3)).allSatisfy((ack) -> assertThat(ack).containsEntry("ok", true));
			assertThat(before.next(3)).extracting((event) -> event.get("seq")).containsExactly(1, 2, 3);

			this.cluster.stop(0);
			await().until(() -> !onA.isConnected());
			send(writer, 4, 6);
			assertThat(acks.next(3)).extracting((ack) -> ack.get("seq")).containsExactly(4, 5, 6);

			try (StompTestClient onB = StompTestClient.connectWithReceipts(this.portB, reader.token())) {
				Inbox after = onB.subscribe("/topic/rooms." + this.room, "since-seq", "3");
				assertThat(after.next(4)).extracting((event) -> event.get("seq")).containsExactly(4, 5, 6, null);
				send(writer, 7, 7);
				assertThat(after.nextOfType("message")).containsEntry("seq", 7);
			}
		}
	}

	@Test
	void afterRabbitMqRestartsInstancesReconnectByThemselvesAndClientsRecover() {
		TestUsers users = new TestUsers(this.portA);
		TestUser reader = users.create("reader");
		TestUser writer = users.create("writer");
		assertThat(Cluster.health(this.portA, "brokerRelay")).isEqualTo("UP");
		StompTestClient firstWriter = StompTestClient.connectWithReceipts(this.portB, writer.token());
		StompTestClient firstReader = StompTestClient.connectWithReceipts(this.portA, reader.token());
		Inbox before = firstReader.joinSince(this.room, 0);
		firstWriter.joinSince(this.room, 0);
		RawTestClient raw = RawTestClient.connect(this.portA, reader.token());
		raw.send(Map.of("type", "join", "room", this.room, "sinceSeq", 0));
		raw.events().nextOfType("recovery");
		send(firstWriter, 1, 2);
		assertThat(before.nextOfType("message")).containsEntry("seq", 1);
		assertThat(before.nextOfType("message")).containsEntry("seq", 2);

		Cluster.restartBroker(() -> {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> "DOWN".equals(Cluster.health(this.portA, "brokerRelay"))
						&& "DOWN".equals(Cluster.health(this.portB, "brokerRelay")));
			await().until(() -> !firstReader.isConnected() && !firstWriter.isConnected());
			assertThat(raw.awaitClose()).as("a native WebSocket client is told to reconnect").isEqualTo(1011);
			assertThat(raw.events().nextOfType("error")).containsEntry("code", "broker-unavailable");
		});

		await().atMost(Duration.ofSeconds(60))
			.until(() -> "UP".equals(Cluster.health(this.portA, "brokerRelay"))
					&& "UP".equals(Cluster.health(this.portB, "brokerRelay")));
		try (StompTestClient w = StompTestClient.connectWithReceipts(this.portB, writer.token());
				StompTestClient r = StompTestClient.connectWithReceipts(this.portA, reader.token())) {
			Inbox acks = w.subscribeConfirmed("/user/queue/acks");
			send(w, 3, 5);
			assertThat(acks.next(3)).extracting((ack) -> ack.get("seq")).containsExactly(3, 4, 5);
			Inbox after = r.subscribe("/topic/rooms." + this.room, "since-seq", "2");
			assertThat(after.next(4)).extracting((event) -> event.get("seq")).containsExactly(3, 4, 5, null);
			send(w, 6, 6);
			assertThat(after.nextOfType("message")).containsEntry("seq", 6);
		}
	}

	private void send(StompTestClient client, int from, int to) {
		for (int i = from; i <= to; i++) {
			client.send("/app/rooms/" + this.room + "/messages", Map.of("text", "m" + i), "ack-id", "m" + i);
		}
	}

}
