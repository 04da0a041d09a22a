package dev.switchboard.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

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
 * Failures in a cluster of two instances: an instance stops, and its clients recover
 * every message they missed by reconnecting to the other with {@code since-seq}; or
 * RabbitMQ restarts, and no client notices.
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
	void whileRabbitMqRestartsNoClientIsDisconnectedAndEveryMessageReachesEveryMemberOnceInOrder() {
		TestUsers users = new TestUsers(this.portA);
		assertThat(Cluster.health(this.portA, "cluster")).isEqualTo("UP");
		try (StompTestClient writerA = StompTestClient.connectWithReceipts(this.portA, users.create("wa").token());
				StompTestClient writerB = StompTestClient.connectWithReceipts(this.portB, users.create("wb").token());
				StompTestClient readerA = StompTestClient.connectWithReceipts(this.portA, users.create("ra").token());
				StompTestClient readerB = StompTestClient.connectWithReceipts(this.portB, users.create("rb").token());
				RawTestClient rawA = RawTestClient.connect(this.portA, users.create("xa").token());
				RawTestClient rawB = RawTestClient.connect(this.portB, users.create("xb").token())) {
			Inbox acksA = writerA.subscribeConfirmed("/user/queue/acks");
			Inbox acksB = writerB.subscribeConfirmed("/user/queue/acks");
			Map<String, Inbox> members = new LinkedHashMap<>();
			members.put("writer on A", writerA.joinSince(this.room, 0));
			members.put("writer on B", writerB.joinSince(this.room, 0));
			members.put("reader on A", readerA.joinSince(this.room, 0));
			members.put("reader on B", readerB.joinSince(this.room, 0));
			for (RawTestClient raw : List.of(rawA, rawB)) {
				raw.send(Map.of("type", "join", "room", this.room, "sinceSeq", 0));
				raw.events().nextOfType("recovery");
			}
			members.put("raw on A", rawA.events());
			members.put("raw on B", rawB.events());
			send(writerA, 1, 2);
			assertThat(acksA.next(2)).extracting((ack) -> ack.get("seq")).containsExactly(1, 2);

			Cluster.restartBroker(() -> {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> "DEGRADED".equals(Cluster.health(this.portA, "cluster"))
							&& "DEGRADED".equals(Cluster.health(this.portB, "cluster")));
				assertThat(Cluster.overallHealth(this.portA)).as("a load balancer keeps the instance")
					.isEqualTo("200 DEGRADED");
				send(writerA, 3, 5);
				assertThat(acksA.next(3)).as("stored while RabbitMQ is away")
					.extracting((ack) -> ack.get("seq"))
					.containsExactly(3, 4, 5);
				send(writerB, 6, 8);
				assertThat(acksB.next(3)).extracting((ack) -> ack.get("seq")).containsExactly(6, 7, 8);
			});

			await().atMost(Duration.ofSeconds(60))
				.until(() -> "UP".equals(Cluster.health(this.portA, "cluster"))
						&& "UP".equals(Cluster.health(this.portB, "cluster")));
			send(writerB, 9, 9);
			assertThat(acksB.next()).containsEntry("seq", 9);
			send(writerA, 10, 10);
			assertThat(acksA.next()).containsEntry("seq", 10);

			List<Long> all = LongStream.rangeClosed(1, 10).boxed().toList();
			members.forEach((name, inbox) -> {
				List<Long> seqs = new ArrayList<>();
				for (int i = 0; i < all.size(); i++) {
					seqs.add(((Number) inbox.nextOfType("message").get("seq")).longValue());
				}
				assertThat(seqs).as(name + ": every message once, in order").containsExactlyElementsOf(all);
			});
			// Nothing more: a repeat would be the next message.
			send(writerA, 11, 11);
			members.forEach((name, inbox) -> assertThat(inbox.nextOfType("message")).as(name).containsEntry("seq", 11));
			assertThat(List.of(writerA, writerB, readerA, readerB)).as("no STOMP client was disconnected")
				.allMatch(StompTestClient::isConnected);
			assertThat(rawA.isClosed() || rawB.isClosed()).as("no raw client was disconnected").isFalse();
		}
	}

	private void send(StompTestClient client, int from, int to) {
		for (int i = from; i <= to; i++) {
			client.send("/app/rooms/" + this.room + "/messages", Map.of("text", "m" + i), "ack-id", "m" + i);
		}
	}

}
