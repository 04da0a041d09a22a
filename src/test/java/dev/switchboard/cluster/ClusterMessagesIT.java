package dev.switchboard.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import dev.switchboard.support.Cluster;
import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one RabbitMQ and one PostgreSQL: rooms, exclude-self, direct messages
 * and sequence numbers hold across them, for STOMP and native WebSocket clients alike.
 *
 * <p>
 * Clients join with {@code since-seq}, whose catch-up ends only once the broker has
 * confirmed the subscription, so no test depends on how fast RabbitMQ binds a queue.
 */
class ClusterMessagesIT {

	private static Cluster cluster;

	private static int portA;

	private static int portB;

	private static TestUsers users;

	@BeforeAll
	static void startCluster() {
		cluster = Cluster.create();
		portA = cluster.start();
		portB = cluster.start();
		users = new TestUsers(portA);
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void roomMessagesReachMembersOnBothInstances() {
		String room = room();
		try (StompTestClient a = StompTestClient.connectWithReceipts(portA, users.create("alice").token());
				StompTestClient b = StompTestClient.connectWithReceipts(portB, users.create("bob").token())) {
			Inbox onA = a.joinSince(room, 0);
			Inbox onB = b.joinSince(room, 0);
			a.send(messages(room), Map.of("text", "from a"), "ack-id", "1");
			assertThat(onB.nextOfType("message")).containsEntry("text", "from a").containsEntry("seq", 1);
			assertThat(onA.nextOfType("message")).containsEntry("text", "from a");
			b.send(messages(room), Map.of("text", "from b"));
			assertThat(onA.nextOfType("message")).containsEntry("text", "from b").containsEntry("seq", 2);
			assertThat(onB.nextOfType("message")).containsEntry("text", "from b");
		}
	}

	@Test
	void excludeSelfSkipsExactlyTheSendingConnectionAcrossInstances() {
		String room = room();
		TestUser alice = users.create("alice");
		try (StompTestClient tab1 = StompTestClient.connectWithReceipts(portA, alice.token());
				StompTestClient tab2 = StompTestClient.connectWithReceipts(portB, alice.token());
				StompTestClient b = StompTestClient.connectWithReceipts(portB, users.create("bob").token())) {
			Inbox onTab1 = tab1.joinSince(room, 0);
			Inbox onTab2 = tab2.joinSince(room, 0);
			Inbox onB = b.joinSince(room, 0);

			tab1.send(messages(room), Map.of("text", "not to me"), "exclude-self", "true");
			tab1.send(messages(room), Map.of("text", "marker"));

			assertThat(onTab2.nextOfType("message")).containsEntry("text", "not to me");
			assertThat(onB.nextOfType("message")).containsEntry("text", "not to me")
				.doesNotContainKey("x-exclude-connection");
			// One connection's frames arrive in order: the marker comes first only if the
			// excluded message never reached tab 1.
			assertThat(onTab1.nextOfType("message")).containsEntry("text", "marker").containsEntry("seq", 2);
		}
	}

	@Test
	void presenceAndMemberListsSpanTheInstances() {
		String room = room();
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		try (StompTestClient a = StompTestClient.connectWithReceipts(portA, alice.token())) {
			Inbox onA = a.joinSince(room, 0);
			StompTestClient b1 = StompTestClient.connectWithReceipts(portB, bob.token());
			StompTestClient b2 = StompTestClient.connectWithReceipts(portA, bob.token());
			b1.joinSince(room, 0);
			assertThat(onA.nextOfType("presence")).containsEntry("user", bob.name()).containsEntry("state", "joined");
			assertThat(a.members(room)).containsExactlyInAnyOrder(alice.name(), bob.name());
			assertThat(b1.members(room)).containsExactlyInAnyOrder(alice.name(), bob.name());

			// Bob's second connection, on the other instance, is not a second arrival,
			// and
			// closing his first is not a departure.
			b2.joinSince(room, 0);
			b1.close();
			await().until(() -> subscriptionsOf(bob) == 1);
			b2.send(messages(room), Map.of("text", "still here"));
			assertThat(onA.next()).as("no presence event in between")
				.containsEntry("type", "message")
				.containsEntry("text", "still here");
			b2.close();
			assertThat(onA.nextOfType("presence")).as("one departure, when his last connection closed")
				.containsEntry("user", bob.name())
				.containsEntry("state", "left");
			assertThat(a.members(room)).containsExactly(alice.name());
		}
	}

	@Test
	void aDirectConversationWithItsEditsAndNoticesSpansTheInstances() {
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		try (StompTestClient a = StompTestClient.connectWithReceipts(portA, alice.token());
				StompTestClient b = StompTestClient.connectWithReceipts(portB, bob.token())) {
			Inbox acks = a.subscribeConfirmed("/user/queue/acks");
			Inbox notices = b.subscribeConfirmed("/user/queue/rooms");
			a.send("/app/users/" + bob.name() + "/conversation", Map.of(), "ack-id", "open");
			String room = (String) acks.next().get("name");
			a.send(messages(room), Map.of("text", "helo"), "ack-id", "post");
			String id = (String) acks.next().get("id");
			Map<String, Object> notice = notices.next();
			assertThat(notice).containsEntry("type", "activity")
				.containsEntry("room", room)
				.containsEntry("text", "helo")
				.containsEntry("from", alice.name());

			a.send(messages(room) + "/" + id + "/edit", Map.of("text", "hello"), "ack-id", "edit");
			assertThat(acks.next()).containsEntry("ok", true).containsEntry("seq", 2);
			a.send(messages(room) + "/" + id + "/delete", Map.of(), "ack-id", "delete");
			assertThat(acks.next()).containsEntry("ok", true).containsEntry("seq", 3);
			Inbox onB = b.subscribe("/topic/rooms." + room, "since-seq", "0");
			assertThat(onB.nextOfType("message")).containsEntry("seq", 1).containsEntry("deleted", true);
			assertThat(onB.nextOfType("edit")).containsEntry("seq", 2).containsEntry("text", "hello");
			assertThat(onB.nextOfType("delete")).containsEntry("seq", 3).containsEntry("target", id);
			assertThat(onB.nextOfType("recovery")).containsEntry("recovered", true);
		}
	}

	@Test
	void directMessagesReachEveryConnectionOfTheUserOnEveryInstanceOnce() {
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		try (StompTestClient a = StompTestClient.connectWithReceipts(portA, alice.token());
				StompTestClient phone = StompTestClient.connectWithReceipts(portA, bob.token());
				StompTestClient laptop = StompTestClient.connectWithReceipts(portB, bob.token());
				StompTestClient tablet = StompTestClient.connectWithReceipts(portB, bob.token())) {
			List<Inbox> bobs = new ArrayList<>();
			for (StompTestClient client : List.of(phone, laptop, tablet)) {
				bobs.add(client.subscribeConfirmed("/user/queue/messages"));
			}
			Inbox aliceCopy = a.subscribeConfirmed("/user/queue/messages");

			a.send("/app/users/" + bob.name() + "/messages", Map.of("text", "one"));
			a.send("/app/users/" + bob.name() + "/messages", Map.of("text", "two"));

			for (Inbox inbox : bobs) {
				assertThat(inbox.next()).containsEntry("text", "one").containsEntry("from", alice.name());
				assertThat(inbox.next()).as("no copy twice").containsEntry("text", "two");
			}
			assertThat(aliceCopy.next()).containsEntry("text", "one");
			assertThat(aliceCopy.next()).containsEntry("text", "two");
		}
	}

	@Test
	void concurrentWritersOnTwoInstancesAreSeenByEveryReaderInSequenceOrderWithNoGap() {
		String room = room();
		int perWriter = 30; // within the send burst of one connection (40)
		TestUser erin = users.create("erin");
		TestUser frank = users.create("frank");
		try (StompTestClient a = StompTestClient.connectWithReceipts(portA, users.create("alice").token());
				StompTestClient b = StompTestClient.connectWithReceipts(portB, users.create("bob").token());
				StompTestClient readerA = StompTestClient.connectWithReceipts(portA, users.create("carol").token());
				StompTestClient readerB = StompTestClient.connectWithReceipts(portB, users.create("dave").token());
				RawTestClient rawA = RawTestClient.connect(portA, erin.token());
				RawTestClient rawB = RawTestClient.connect(portB, frank.token())) {
			Inbox acksA = a.subscribeConfirmed("/user/queue/acks");
			Inbox acksB = b.subscribeConfirmed("/user/queue/acks");
			a.joinSince(room, 0);
			b.joinSince(room, 0);
			Inbox liveA = readerA.joinSince(room, 0);
			Inbox liveB = readerB.joinSince(room, 0);
			for (RawTestClient raw : List.of(rawA, rawB)) {
				raw.send(Map.of("type", "join", "room", room, "sinceSeq", 0));
				raw.events().nextOfType("recovery");
			}

			CompletableFuture<Void> writerA = CompletableFuture.runAsync(() -> write(a, room, "a", perWriter));
			CompletableFuture<Void> writerB = CompletableFuture.runAsync(() -> write(b, room, "b", perWriter));
			writerA.join();
			writerB.join();

			List<Long> acked = new ArrayList<>();
			for (Map<String, Object> ack : acksA.next(perWriter)) {
				assertThat(ack).containsEntry("ok", true);
				acked.add(((Number) ack.get("seq")).longValue());
			}
			acksB.next(perWriter).forEach((ack) -> acked.add(((Number) ack.get("seq")).longValue()));
			List<Long> all = LongStream.rangeClosed(1, 2L * perWriter).boxed().toList();
			assertThat(acked).as("every acknowledged seq, no gap, no repeat").containsExactlyInAnyOrderElementsOf(all);
			// Presence events may arrive in between: only messages count. Each reader
			// sees
			// the room as stored, in order, whichever instance each message was sent to.
			Map<String, Inbox> readers = Map.of("STOMP on A", liveA, "STOMP on B", liveB, "raw on A", rawA.events(),
					"raw on B", rawB.events());
			readers.forEach((name, inbox) -> {
				List<Long> delivered = new ArrayList<>();
				for (int i = 0; i < 2 * perWriter; i++) {
					delivered.add(((Number) inbox.nextOfType("message").get("seq")).longValue());
				}
				assertThat(delivered).as(name).containsExactlyElementsOf(all);
			});

			// A late reader recovers the whole room in order from either instance.
			try (StompTestClient late = StompTestClient.connectWithReceipts(portA, users.create("gina").token())) {
				Inbox replay = late.subscribe("/topic/rooms." + room, "since-seq", "0");
				assertThat(replay.next(2 * perWriter)).extracting((event) -> ((Number) event.get("seq")).longValue())
					.containsExactlyElementsOf(all);
			}
		}
	}

	@Test
	void nativeWebSocketClientSeesMessagesPublishedOnTheOtherInstance() {
		String room = room();
		TestUser bob = users.create("bob");
		try (StompTestClient a = StompTestClient.connectWithReceipts(portA, users.create("alice").token());
				RawTestClient raw = RawTestClient.connect(portB, bob.token())) {
			raw.send(Map.of("type", "join", "room", room, "sinceSeq", 0));
			raw.events().nextOfType("recovery");
			a.send(messages(room), Map.of("text", "to the raw client"));
			assertThat(raw.events().nextOfType("message")).containsEntry("text", "to the raw client")
				.containsEntry("seq", 1)
				.containsEntry("room", room);
		}
	}

	private static int subscriptionsOf(TestUser user) {
		return cluster.database()
			.sql("select count(*) from presence_subscriptions where username = ?")
			.param(user.name())
			.query(Integer.class)
			.single();
	}

	private static void write(StompTestClient client, String room, String name, int count) {
		for (int i = 1; i <= count; i++) {
			client.send(messages(room), Map.of("text", name + i), "ack-id", name + i);
		}
	}

	private static String messages(String room) {
		return "/app/rooms/" + room + "/messages";
	}

	private static String room() {
		return "c-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
