package dev.switchboard.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw client and a STOMP client in one room: each sees the other's messages with the
 * same seq, typing, presence and direct messages, and the raw client gets the same
 * acknowledgements, error replies and catch-up.
 */
@SwitchboardTest(properties = { "switchboard.raw.ping-interval=1s", "switchboard.raw.max-binary-message-size=16KB" })
class RawInteropIT {

	@LocalServerPort
	int port;

	TestUsers users;

	String room;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.room = "raw-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void rawAndStompClientsSeeEachOthersMessagesWithTheSameSeq() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token());
				StompTestClient stomp = StompTestClient.connect(this.port, bob.token())) {
			Inbox bobEvents = stomp.join(this.room);
			raw.join(this.room);
			assertThat(bobEvents.nextOfType("presence")).containsEntry("user", alice.name())
				.containsEntry("state", "joined");

			raw.send(Map.of("type", "send", "room", this.room, "text", "hello from raw", "clientId", "c-1", "ackId",
					"a1"));
			Map<String, Object> own = raw.events().nextOfType("message");
			assertThat(raw.events().nextOfType("ack")).containsEntry("ackId", "a1")
				.containsEntry("ok", true)
				.containsEntry("seq", 1)
				.containsEntry("room", this.room)
				.containsEntry("clientId", "c-1");
			assertThat(bobEvents.nextOfType("message")).isEqualTo(own)
				.containsEntry("seq", 1)
				.containsEntry("from", alice.name())
				.containsEntry("text", "hello from raw");

			stomp.send("/app/rooms/" + this.room + "/messages", Map.of("text", "hello from stomp"));
			assertThat(bobEvents.nextOfType("message")).containsEntry("seq", 2);
			assertThat(raw.events().nextOfType("message")).containsEntry("seq", 2)
				.containsEntry("from", bob.name())
				.containsEntry("text", "hello from stomp");

			// The raw client edits and deletes its message; both clients get both
			// changes.
			raw.send(Map.of("type", "edit", "room", this.room, "id", own.get("id"), "text", "edited from raw", "ackId",
					"e1"));
			assertThat(raw.events().nextOfType("edit")).containsEntry("seq", 3).containsEntry("target", own.get("id"));
			assertThat(bobEvents.nextOfType("edit")).containsEntry("seq", 3).containsEntry("text", "edited from raw");
			raw.send(Map.of("type", "delete", "room", this.room, "id", own.get("id"), "ackId", "d1"));
			assertThat(bobEvents.nextOfType("delete")).containsEntry("seq", 4).containsEntry("target", own.get("id"));
			assertThat(raw.events().nextOfType("delete")).containsEntry("seq", 4);
		}
	}

	@Test
	void typingPresenceAndDirectMessagesCrossBetweenRawAndStomp() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token());
				StompTestClient stomp = StompTestClient.connect(this.port, bob.token())) {
			Inbox bobDirect = stomp.subscribe("/user/queue/messages");
			Inbox bobEvents = stomp.join(this.room);
			raw.join(this.room);
			// Announced once it has held for the coalescing window.
			assertThat(bobEvents.nextOfType("presence")).containsEntry("user", alice.name())
				.containsEntry("state", "joined");

			raw.send(Map.of("type", "typing", "room", this.room));
			assertThat(bobEvents.nextOfType("typing")).containsEntry("from", alice.name());
			stomp.send("/app/rooms/" + this.room + "/typing", Map.of());
			assertThat(raw.events().nextOfType("typing")).containsEntry("from", bob.name());

			stomp.send("/app/users/" + alice.name() + "/messages", Map.of("text", "psst"));
			assertThat(raw.events().nextOfType("direct")).containsEntry("from", bob.name())
				.containsEntry("to", alice.name())
				.containsEntry("text", "psst");
			raw.send(Map.of("type", "direct", "to", bob.name(), "text", "psst back"));
			assertThat(bobDirect.nextMatching((direct) -> alice.name().equals(direct.get("from"))))
				.containsEntry("to", bob.name())
				.containsEntry("text", "psst back");

			raw.send(Map.of("type", "leave", "room", this.room));
			assertThat(bobEvents.nextOfType("presence")).containsEntry("user", alice.name())
				.containsEntry("state", "left");
		}
	}

	@Test
	void excludeSelfSkipsOnlyTheSendingRawConnection() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token());
				StompTestClient stomp = StompTestClient.connect(this.port, bob.token())) {
			Inbox bobEvents = stomp.join(this.room);
			raw.join(this.room);
			raw.send(
					Map.of("type", "send", "room", this.room, "text", "not to me", "excludeSelf", true, "ackId", "a1"));
			assertThat(raw.events().nextOfType("ack")).containsEntry("ok", true).containsEntry("seq", 1);
			raw.send(Map.of("type", "send", "room", this.room, "text", "marker"));
			assertThat(raw.events().nextOfType("message")).as("the excluded message never arrived")
				.containsEntry("seq", 2);
			assertThat(bobEvents.nextOfType("message")).containsEntry("seq", 1).containsEntry("text", "not to me");
			assertThat(bobEvents.nextOfType("message")).containsEntry("seq", 2);
		}
	}

	@Test
	void failedRequestsGetTheSameErrorRepliesAndNegativeAcknowledgementsAsStomp() {
		TestUser alice = this.users.create("alice");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			raw.send(Map.of("type", "send", "room", this.room, "text", " ", "ackId", "e1"));
			assertThat(raw.events().next()).containsEntry("type", "error")
				.containsEntry("code", "empty-text")
				.containsEntry("destination", "/app/rooms/" + this.room + "/messages")
				.containsEntry("ackId", "e1");
			assertThat(raw.events().next()).containsEntry("type", "ack")
				.containsEntry("ackId", "e1")
				.containsEntry("ok", false)
				.containsEntry("code", "empty-text");

			raw.send(Map.of("type", "send", "room", "Not A Room", "text", "hi", "ackId", "e2"));
			assertThat(raw.events().next()).containsEntry("type", "error")
				.containsEntry("code", "invalid-room")
				.containsEntry("ackId", "e2");
			assertThat(raw.events().next()).containsEntry("type", "ack").containsEntry("ok", false);

			raw.sendText("this is not JSON");
			assertThat(raw.events().next()).containsEntry("type", "error").containsEntry("code", "bad-request");
			raw.send(Map.of("type", "shout", "room", this.room));
			assertThat(raw.events().next()).containsEntry("type", "error").containsEntry("code", "bad-request");

			raw.join(this.room);
			assertThat(raw.isClosed()).as("the connection stays open after failed requests").isFalse();
		}
	}

	@Test
	void joiningWithSinceSeqCatchesUpOnMissedMessagesFirst() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient stomp = StompTestClient.connect(this.port, bob.token())) {
			stomp.join(this.room);
			Inbox acks = stomp.subscribe("/user/queue/acks");
			stomp.sync();
			for (int i = 1; i <= 5; i++) {
				stomp.send("/app/rooms/" + this.room + "/messages", Map.of("text", "m" + i), "ack-id", "a" + i);
			}
			assertThat(acks.next(5)).allSatisfy((ack) -> assertThat(ack).containsEntry("ok", true));
		}
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			raw.send(Map.of("type", "join", "room", this.room, "sinceSeq", 2));
			List<Map<String, Object>> missed = new ArrayList<>();
			while (missed.size() < 4) {
				// skipping bob's presence, which may still be on its way
				missed.add(raw.events().nextMatching((event) -> !"presence".equals(event.get("type"))));
			}
			assertThat(missed).as(missed.toString())
				.extracting((event) -> event.get("seq"))
				.containsExactly(3, 4, 5, null);
			assertThat(missed.get(3)).containsEntry("type", "recovery")
				.containsEntry("recovered", true)
				.containsEntry("replayed", 3)
				.containsEntry("lastSeq", 5);
			assertThat(raw.events().nextMatching((event) -> !"presence".equals(event.get("type"))))
				.containsEntry("type", "members");

			raw.send(Map.of("type", "join", "room", this.room));
			assertThat(raw.events().nextOfType("error")).as("a room is joined once per connection")
				.containsEntry("type", "error")
				.containsEntry("code", "bad-request");
		}
	}

}
