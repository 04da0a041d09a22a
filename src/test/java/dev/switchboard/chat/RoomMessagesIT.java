package dev.switchboard.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat messages, exclude-self, typing and acknowledgements with real STOMP clients.
 */
@SwitchboardTest
class RoomMessagesIT {

	@LocalServerPort
	int port;

	TestUsers users;

	String room;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.room = "room-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void messageReachesEverySubscriberIncludingTheSender() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			Inbox aliceEvents = a.join(this.room);
			Inbox bobEvents = b.join(this.room);

			a.send("/app/rooms/" + this.room + "/messages", Map.of("text", "hello"));

			Map<String, Object> atBob = bobEvents.nextOfType("message");
			Map<String, Object> atAlice = aliceEvents.nextOfType("message");
			assertThat(atBob).containsEntry("room", this.room)
				.containsEntry("from", alice.name())
				.containsEntry("text", "hello")
				.containsEntry("seq", 1)
				.containsKeys("id", "ts");
			assertThat(atAlice).isEqualTo(atBob);
		}
	}

	@Test
	void sequenceNumbersIncreaseByOneWithoutGaps() {
		TestUser alice = this.users.create("alice");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token())) {
			Inbox events = a.join(this.room);
			for (int i = 0; i < 5; i++) {
				a.send("/app/rooms/" + this.room + "/messages", Map.of("text", "m" + i));
			}
			List<Object> seqs = events.next(5).stream().map((event) -> event.get("seq")).toList();
			assertThat(seqs).containsExactly(1, 2, 3, 4, 5);
		}
	}

	@Test
	void excludeSelfSkipsOnlyTheSendingConnectionEvenForTheSameUser() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient aliceTab1 = StompTestClient.connect(this.port, alice.token());
				StompTestClient aliceTab2 = StompTestClient.connect(this.port, alice.token());
				StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			Inbox tab1 = aliceTab1.join(this.room);
			Inbox tab2 = aliceTab2.join(this.room);
			Inbox bobEvents = b.join(this.room);

			aliceTab1.send("/app/rooms/" + this.room + "/messages", Map.of("text", "not to me"), "exclude-self",
					"true");
			aliceTab1.send("/app/rooms/" + this.room + "/messages", Map.of("text", "marker"));

			assertThat(tab2.nextOfType("message")).containsEntry("text", "not to me");
			assertThat(bobEvents.nextOfType("message")).containsEntry("text", "not to me")
				.doesNotContainKey("x-exclude-connection");
			// Frames reach a connection in order: the marker comes first only if the
			// excluded message was never delivered to tab 1.
			assertThat(tab1.nextOfType("message")).containsEntry("text", "marker").containsEntry("seq", 2);
		}
	}

	@Test
	void typingReachesOthersButNotTheTypingConnection() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			Inbox aliceEvents = a.join(this.room);
			Inbox bobEvents = b.join(this.room);

			a.send("/app/rooms/" + this.room + "/typing", Map.of());
			a.send("/app/rooms/" + this.room + "/messages", Map.of("text", "marker"));

			assertThat(bobEvents.nextOfType("typing")).containsEntry("from", alice.name())
				.containsEntry("room", this.room);
			assertThat(aliceEvents.nextMatching((event) -> !"presence".equals(event.get("type"))))
				.containsEntry("type", "message")
				.containsEntry("text", "marker");
		}
	}

	@Test
	void ackIdGetsAnAcknowledgementWithTheSequenceNumberOnlyOnTheSendingConnection() {
		TestUser alice = this.users.create("alice");
		try (StompTestClient tab1 = StompTestClient.connect(this.port, alice.token());
				StompTestClient tab2 = StompTestClient.connect(this.port, alice.token())) {
			Inbox acks1 = tab1.subscribe("/user/queue/acks");
			Inbox acks2 = tab2.subscribe("/user/queue/acks");
			tab1.join(this.room);
			tab2.join(this.room);

			tab1.send("/app/rooms/" + this.room + "/messages", Map.of("text", "one"), "ack-id", "a-1");
			assertThat(acks1.next()).containsEntry("ackId", "a-1")
				.containsEntry("ok", true)
				.containsEntry("seq", 1)
				.containsEntry("room", this.room)
				.containsKey("id");
			tab2.send("/app/rooms/" + this.room + "/messages", Map.of("text", "two"), "ack-id", "b-1");
			assertThat(acks2.next()).containsEntry("ackId", "b-1").containsEntry("seq", 2);
			// Each acknowledgement went to its own connection only.
			tab1.send("/app/rooms/" + this.room + "/messages", Map.of("text", "three"), "ack-id", "a-2");
			assertThat(acks1.next()).containsEntry("ackId", "a-2");
		}
	}

	@Test
	void textIsStoredAndDeliveredVerbatim() {
		TestUser alice = this.users.create("alice");
		String html = "<img src=x onerror=alert(1)> & <b>bold</b> \"quoted\" \u00e9\ud83d\ude00\n";
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token())) {
			Inbox events = a.join(this.room);
			a.send("/app/rooms/" + this.room + "/messages", Map.of("text", html));
			assertThat(events.nextOfType("message")).containsEntry("text", html);
		}
	}

}
