package dev.switchboard.rooms;

import java.net.http.HttpResponse;
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
 * Direct conversations: a stored room of two, opened by either person, listed by the
 * other person's name, with seq, history and catch-up like any room, closed to everyone
 * else.
 */
@SwitchboardTest
class DirectConversationsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
	}

	@Test
	void eitherPersonOpensTheSameConversationAndTheOtherIsTold() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			Inbox aliceAcks = a.subscribe("/user/queue/acks");
			Inbox bobAcks = b.subscribe("/user/queue/acks");
			Inbox bobInvitations = b.subscribe("/user/queue/invitations");
			b.sync();

			Map<String, Object> opened = open(a, aliceAcks, bob.name().toUpperCase());
			String room = (String) opened.get("name");
			assertThat(room).matches("dm-[0-9a-f]{24}");
			assertThat(opened).containsEntry("visibility", "direct").containsEntry("peer", bob.name());
			assertThat(bobInvitations.next()).containsEntry("room", room).containsEntry("from", alice.name());

			Map<String, Object> fromBob = open(b, bobAcks, alice.name());
			assertThat(fromBob).containsEntry("name", room).containsEntry("peer", alice.name());
			// Opening it again tells nobody again.
			open(a, aliceAcks, bob.name());
			b.sync();
			assertThat(bobInvitations.isEmpty()).isTrue();

			assertThat(sidebar(alice)).anySatisfy((entry) -> assertThat(entry).containsEntry("name", room)
				.containsEntry("visibility", "direct")
				.containsEntry("peer", bob.name()));
			assertThat(rooms(bob, room.substring(0, room.length() - 1))).first()
				.satisfies(
						(entry) -> assertThat(entry).containsEntry("name", room).containsEntry("peer", alice.name()));
		}
	}

	@Test
	void messagesAreStoredWithSeqAndReplayedAfterADisconnect() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		String room;
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token())) {
			Inbox acks = a.subscribe("/user/queue/acks");
			room = (String) open(a, acks, bob.name()).get("name");
			Inbox events = a.join(room);
			String clientId = UUID.randomUUID().toString();
			a.send("/app/rooms/" + room + "/messages", Map.of("text", "hi bob", "clientId", clientId), "ack-id", "m1");
			assertThat(acks.nextMatching((ack) -> "m1".equals(ack.get("ackId")))).containsEntry("seq", 1);
			// A retry with the same clientId is the same message.
			a.send("/app/rooms/" + room + "/messages", Map.of("text", "hi bob", "clientId", clientId), "ack-id", "m2");
			assertThat(acks.nextMatching((ack) -> "m2".equals(ack.get("ackId")))).containsEntry("seq", 1)
				.containsEntry("duplicate", true);
			a.send("/app/rooms/" + room + "/messages", Map.of("text", "are you there?"), "ack-id", "m3");
			assertThat(acks.nextMatching((ack) -> "m3".equals(ack.get("ackId")))).containsEntry("seq", 2);
			assertThat(events.nextOfType("message")).containsEntry("seq", 1);
		}
		try (StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			Inbox events = b.subscribe("/topic/rooms." + room, "since-seq", "0");
			assertThat(events.nextOfType("message")).containsEntry("text", "hi bob").containsEntry("seq", 1);
			assertThat(events.nextOfType("message")).containsEntry("text", "are you there?").containsEntry("seq", 2);
			assertThat(events.nextOfType("recovery")).containsEntry("recovered", true);
		}
		String history = this.users.get("/api/rooms/" + room + "/messages", bob.token()).body();
		assertThat(history).contains("hi bob", "are you there?");
	}

	@Test
	void nobodyElseReadsJoinsPostsToOrIsInvitedIntoAConversation() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		TestUser mallory = this.users.create("mallory");
		String room;
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token())) {
			Inbox acks = a.subscribe("/user/queue/acks");
			room = (String) open(a, acks, bob.name()).get("name");
			a.send("/app/rooms/" + room + "/invite", Map.of("user", mallory.name()), "ack-id", "i1");
			assertThat(acks.nextMatching((ack) -> "i1".equals(ack.get("ackId")))).containsEntry("ok", false)
				.containsEntry("code", "bad-request");
		}
		assertThat(this.users.get("/api/rooms/" + room + "/messages", mallory.token()).statusCode()).isEqualTo(403);
		try (StompTestClient m = StompTestClient.connect(this.port, mallory.token())) {
			Inbox acks = m.subscribe("/user/queue/acks");
			m.sync();
			m.send("/app/rooms/" + room + "/messages", Map.of("text", "let me in"), "ack-id", "x1");
			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "forbidden");
			// A name of the direct kind is never made a public room, nor created by hand.
			m.send("/app/rooms", Map.of("name", "dm-0123456789abcdef01234567", "visibility", "public"), "ack-id", "x2");
			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "invalid-room");
			m.send("/app/users/nobody-" + UUID.randomUUID().toString().substring(0, 6) + "/conversation", Map.of(),
					"ack-id", "x3");
			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "user-not-found");
			m.subscribe("/topic/rooms." + room);
			assertThat(m.awaitError().getFirst("message")).contains(room);
		}
		try (StompTestClient m = StompTestClient.connect(this.port, mallory.token())) {
			m.subscribe("/topic/rooms.dm-0123456789abcdef01234567");
			assertThat(m.awaitError()).isNotNull();
		}
		assertThat(this.users.get("/api/rooms/dm-0123456789abcdef01234567/messages", mallory.token()).statusCode())
			.isEqualTo(404);
	}

	@Test
	void aConversationWithOneselfIsANotebook() {
		TestUser alice = this.users.create("alice");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token())) {
			Inbox acks = a.subscribe("/user/queue/acks");
			assertThat(open(a, acks, alice.name())).containsEntry("peer", alice.name())
				.containsEntry("visibility", "direct");
		}
	}

	@Test
	void userSearchFindsNamesByPrefixInAnyCaseAndRefusesPatterns() throws Exception {
		String prefix = "srch" + UUID.randomUUID().toString().substring(0, 4);
		TestUser first = this.users.create(prefix + "_a");
		this.users.create(prefix + "_b");
		this.users.create(prefix + "xb");
		Map<?, ?> found = JSON.readValue(
				this.users.get("/api/users?prefix=" + prefix.toUpperCase() + "_", first.token()).body(), Map.class);
		assertThat((List<?>) found.get("users")).hasSize(2)
			.allSatisfy((name) -> assertThat((String) name).startsWith(prefix + "_"));
		assertThat(this.users.get("/api/users?prefix=%25", first.token()).statusCode()).isEqualTo(400);
		assertThat(this.users.get("/api/users?prefix=a&limit=1000", first.token()).statusCode()).isEqualTo(400);
		assertThat(this.users.get("/api/users?prefix=" + prefix, "not-a-token").statusCode()).isEqualTo(401);
	}

	private static Map<String, Object> open(StompTestClient client, Inbox acks, String user) {
		String ackId = UUID.randomUUID().toString();
		client.send("/app/users/" + user + "/conversation", Map.of(), "ack-id", ackId);
		Map<String, Object> ack = acks.nextMatching((candidate) -> ackId.equals(candidate.get("ackId")));
		assertThat(ack).containsEntry("ok", true);
		return ack;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> sidebar(TestUser user) {
		HttpResponse<String> response = this.users.get("/api/me/rooms", user.token());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (List<Map<String, Object>>) JSON.readValue(response.body(), Map.class).get("rooms");
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> rooms(TestUser user, String after) {
		return (List<Map<String, Object>>) JSON
			.readValue(this.users.get("/api/rooms?limit=5&after=" + after, user.token()).body(), Map.class)
			.get("rooms");
	}

}
