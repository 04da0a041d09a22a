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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing and deleting one's own messages: each change is the room's next log entry,
 * broadcast, replayed on catch-up and reflected in history; others' messages, deleted
 * ones and bad text are refused without changing anything.
 */
@SwitchboardTest
class MessageEditsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	TestUsers users;

	String room;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.room = "edits-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void anEditAndADeletionAreBroadcastWithTheNextSeqAndShowInHistory() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			Inbox acks = a.subscribe("/user/queue/acks");
			Inbox aliceEvents = a.join(this.room);
			Inbox bobEvents = b.join(this.room);
			String first = post(a, acks, "frist", "p1");
			String second = post(a, acks, "to be deleted", "p2");
			bobEvents.next(2);

			a.send(messages() + "/" + first + "/edit", Map.of("text", "first"), "ack-id", "e1");
			Map<String, Object> editAck = acks.nextMatching((ack) -> "e1".equals(ack.get("ackId")));
			assertThat(editAck).containsEntry("ok", true)
				.containsEntry("type", "edit")
				.containsEntry("seq", 3)
				.containsEntry("target", first)
				.containsEntry("text", "first");
			assertThat(bobEvents.nextOfType("edit")).containsEntry("seq", 3)
				.containsEntry("target", first)
				.containsEntry("from", alice.name())
				.containsEntry("text", "first");

			a.send(messages() + "/" + second + "/delete", Map.of(), "ack-id", "d1");
			Map<String, Object> deleteAck = acks.nextMatching((ack) -> "d1".equals(ack.get("ackId")));
			assertThat(deleteAck).containsEntry("ok", true).containsEntry("type", "delete").containsEntry("seq", 4);
			assertThat(bobEvents.nextOfType("delete")).containsEntry("seq", 4).containsEntry("target", second);
			assertThat(aliceEvents.nextOfType("delete")).containsEntry("seq", 4);

			// Deleting again answers with the same deletion and stores nothing.
			a.send(messages() + "/" + second + "/delete", Map.of(), "ack-id", "d2");
			assertThat(acks.nextMatching((ack) -> "d2".equals(ack.get("ackId")))).containsEntry("ok", true)
				.containsEntry("seq", 4)
				.containsEntry("id", deleteAck.get("id"));

			List<Map<String, Object>> history = history(bob);
			assertThat(history).hasSize(2);
			assertThat(history.get(0)).containsEntry("id", first)
				.containsEntry("text", "first")
				.containsEntry("edited", true)
				.doesNotContainKey("deleted");
			assertThat(history.get(1)).containsEntry("id", second)
				.containsEntry("deleted", true)
				.doesNotContainKey("text");
		}
	}

	@Test
	void aClientThatWasAwayGetsTheChangesReplayedInOrder() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token())) {
			Inbox acks = a.subscribe("/user/queue/acks");
			a.join(this.room);
			String id = post(a, acks, "draft", "p1");
			// Bob saw seq 1 and went away; the edit and deletion happen meanwhile.
			a.send(messages() + "/" + id + "/edit", Map.of("text", "final"), "ack-id", "e1");
			acks.nextMatching((ack) -> "e1".equals(ack.get("ackId")));
			a.send(messages() + "/" + id + "/delete", Map.of(), "ack-id", "d1");
			acks.nextMatching((ack) -> "d1".equals(ack.get("ackId")));
			try (StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
				Inbox events = b.subscribe("/topic/rooms." + this.room, "since-seq", "1");
				assertThat(logEntry(events)).containsEntry("type", "edit")
					.containsEntry("seq", 2)
					.containsEntry("text", "final");
				assertThat(logEntry(events)).containsEntry("type", "delete").containsEntry("seq", 3);
				assertThat(logEntry(events)).containsEntry("type", "recovery")
					.containsEntry("recovered", true)
					.containsEntry("replayed", 2);
			}
		}
	}

	@Test
	void othersMessagesDeletedMessagesAndBadTextAreRefusedAndChangeNothing() {
		TestUser alice = this.users.create("alice");
		TestUser mallory = this.users.create("mallory");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient m = StompTestClient.connect(this.port, mallory.token())) {
			Inbox acks = a.subscribe("/user/queue/acks");
			Inbox malloryAcks = m.subscribe("/user/queue/acks");
			Inbox events = a.join(this.room);
			String id = post(a, acks, "mine", "p1");
			events.next();

			m.send(messages() + "/" + id + "/edit", Map.of("text", "hijacked"), "ack-id", "x1");
			assertThat(malloryAcks.next()).containsEntry("ok", false).containsEntry("code", "forbidden");
			m.send(messages() + "/" + id + "/delete", Map.of(), "ack-id", "x2");
			assertThat(malloryAcks.next()).containsEntry("ok", false).containsEntry("code", "forbidden");
			m.send(messages() + "/no-such-id/edit", Map.of("text", "x"), "ack-id", "x3");
			assertThat(malloryAcks.next()).containsEntry("ok", false).containsEntry("code", "message-not-found");

			a.send(messages() + "/" + id + "/edit", Map.of("text", "  "), "ack-id", "e1");
			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "empty-text");
			a.send(messages() + "/" + id + "/edit", Map.of("text", "x".repeat(4001)), "ack-id", "e2");
			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "text-too-long");
			// The id of a message in another room does not reach it through this one.
			a.joinSince("other-" + this.room, 0);
			a.send("/app/rooms/other-" + this.room + "/messages/" + id + "/edit", Map.of("text", "x"), "ack-id", "e3");
			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "message-not-found");

			a.send(messages() + "/" + id + "/delete", Map.of(), "ack-id", "d1");
			assertThat(acks.next()).containsEntry("ok", true).containsEntry("seq", 2);
			a.send(messages() + "/" + id + "/edit", Map.of("text", "back again"), "ack-id", "e4");
			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "message-deleted");

			// Only the deletion reached the room, and the log has no gap.
			assertThat(events.nextOfType("delete")).containsEntry("seq", 2);
			assertThat(post(a, acks, "after", "p2")).isNotNull();
			assertThat(events.nextOfType("message")).containsEntry("seq", 3);
			assertThat(history(alice)).extracting((message) -> message.get("text")).containsExactly(null, "after");
		}
	}

	private String post(StompTestClient client, Inbox acks, String text, String ackId) {
		client.send(messages(), Map.of("text", text, "clientId", UUID.randomUUID().toString()), "ack-id", ackId);
		Map<String, Object> ack = acks.nextMatching((candidate) -> ackId.equals(candidate.get("ackId")));
		assertThat(ack).containsEntry("ok", true);
		return (String) ack.get("id");
	}

	/** The next event that is not about presence. */
	private static Map<String, Object> logEntry(Inbox events) {
		return events.nextMatching((event) -> !"presence".equals(event.get("type")));
	}

	private String messages() {
		return "/app/rooms/" + this.room + "/messages";
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> history(TestUser user) {
		String body = this.users.get("/api/rooms/" + this.room + "/messages", user.token()).body();
		return (List<Map<String, Object>>) JSON.readValue(body, Map.class).get("messages");
	}

}
