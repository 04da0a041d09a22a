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
 * The sidebar kept on the server: read markers by seq (forward only, the same on every
 * connection), unread counts of others' messages, notices of arrivals with the text only
 * where it may be shown, hide and leave, and their refusals.
 */
@SwitchboardTest
class UserRoomsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	TestUsers users;

	String room;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.room = "sidebar-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void unreadCountsOthersMessagesAfterTheReadMarkerWhichEveryConnectionHears() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient laptop = StompTestClient.connect(this.port, bob.token());
				StompTestClient phone = StompTestClient.connect(this.port, bob.token())) {
			Inbox aliceAcks = a.subscribe("/user/queue/acks");
			Inbox laptopAcks = laptop.subscribe("/user/queue/acks");
			Inbox laptopNotices = laptop.subscribe("/user/queue/rooms");
			Inbox phoneNotices = phone.subscribe("/user/queue/rooms");
			a.join(this.room);
			request(a, aliceAcks, "/app/rooms/" + this.room + "/read", Map.of("seq", 0));
			laptop.sync();
			phone.sync();
			// Reading puts the room in Bob's sidebar.
			request(laptop, laptopAcks, "/app/rooms/" + this.room + "/read", Map.of("seq", 0));
			assertThat(phoneNotices.next()).containsEntry("type", "read").containsEntry("room", this.room);
			laptopNotices.next();

			post(a, aliceAcks, "one, for @" + bob.name().toUpperCase());
			post(a, aliceAcks, "two");
			String third = post(a, aliceAcks, "three, deleted");
			request(a, aliceAcks, "/app/rooms/" + this.room + "/messages/" + third + "/delete", Map.of());
			Map<String, Object> mention = phoneNotices.next();
			assertThat(mention).containsEntry("type", "activity")
				.containsEntry("room", this.room)
				.containsEntry("seq", 1)
				.containsEntry("from", alice.name())
				.containsEntry("mention", true)
				.containsEntry("text", "one, for @" + bob.name().toUpperCase());
			// Without a mention, a room's message is not shown in a notification.
			assertThat(phoneNotices.next()).containsEntry("seq", 2).doesNotContainKeys("text", "mention");
			assertThat(sidebarEntry(bob)).containsEntry("unread", 2).containsEntry("readSeq", 0);
			assertThat(sidebarEntry(alice)).containsEntry("unread", 0);

			// Read up to 2 on the laptop: the phone hears it; the marker never goes back
			// and
			// never passes the room's newest seq.
			request(laptop, laptopAcks, "/app/rooms/" + this.room + "/read", Map.of("seq", 2));
			assertThat(phoneNotices.nextOfType("read")).containsEntry("seq", 2);
			assertThat(sidebarEntry(bob)).containsEntry("unread", 0);
			assertThat(request(laptop, laptopAcks, "/app/rooms/" + this.room + "/read", Map.of("seq", 1)))
				.containsEntry("seq", 2);
			assertThat(request(laptop, laptopAcks, "/app/rooms/" + this.room + "/read", Map.of("seq", 1_000_000)))
				.containsEntry("seq", 4);
		}
	}

	@Test
	void aHiddenRoomComesBackWithANewMessageAndALeftRoomDoesNot() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		try (StompTestClient a = StompTestClient.connect(this.port, alice.token());
				StompTestClient b = StompTestClient.connect(this.port, bob.token())) {
			Inbox aliceAcks = a.subscribe("/user/queue/acks");
			Inbox bobAcks = b.subscribe("/user/queue/acks");
			a.join(this.room);
			request(b, bobAcks, "/app/rooms/" + this.room + "/read", Map.of("seq", 0));
			request(b, bobAcks, "/app/rooms/" + this.room + "/hide", Map.of());
			assertThat(sidebar(bob)).noneMatch((entry) -> this.room.equals(entry.get("name")));
			post(a, aliceAcks, "come back");
			assertThat(sidebarEntry(bob)).containsEntry("unread", 1);

			request(b, bobAcks, "/app/rooms/" + this.room + "/leave", Map.of());
			post(a, aliceAcks, "gone?");
			assertThat(sidebar(bob)).noneMatch((entry) -> this.room.equals(entry.get("name")));
		}
	}

	@Test
	void badReadsHidesAndLeavesAreRefusedAndChangeNothing() {
		TestUser owner = this.users.create("owner");
		TestUser outsider = this.users.create("outsider");
		try (StompTestClient o = StompTestClient.connect(this.port, owner.token());
				StompTestClient x = StompTestClient.connect(this.port, outsider.token())) {
			Inbox ownerAcks = o.subscribe("/user/queue/acks");
			Inbox outsiderAcks = x.subscribe("/user/queue/acks");
			request(o, ownerAcks, "/app/rooms", Map.of("name", this.room, "visibility", "private"));
			String conversation = (String) request(o, ownerAcks, "/app/users/" + outsider.name() + "/conversation",
					Map.of())
				.get("name");
			x.sync();

			assertThat(refusal(x, outsiderAcks, "/app/rooms/" + this.room + "/read", Map.of("seq", 1)))
				.isEqualTo("forbidden");
			assertThat(refusal(o, ownerAcks, "/app/rooms/" + this.room + "/read", Map.of("seq", -1)))
				.isEqualTo("bad-request");
			assertThat(refusal(x, outsiderAcks, "/app/rooms/" + this.room + "/hide", Map.of()))
				.isEqualTo("room-not-found");
			assertThat(refusal(o, ownerAcks, "/app/rooms/" + this.room + "/leave", Map.of())).isEqualTo("bad-request");
			assertThat(refusal(o, ownerAcks, "/app/rooms/" + conversation + "/leave", Map.of()))
				.isEqualTo("bad-request");
			assertThat(refusal(x, outsiderAcks, "/app/rooms/no-such-" + this.room + "/read", Map.of("seq", 1)))
				.isEqualTo("room-not-found");
			assertThat(sidebar(outsider)).extracting((entry) -> entry.get("name")).containsExactly(conversation);
			assertThat(sidebar(owner)).extracting((entry) -> entry.get("name")).contains(this.room, conversation);
		}
		assertThat(this.users.get("/api/me/rooms", "not-a-token").statusCode()).isEqualTo(401);
	}

	private String post(StompTestClient client, Inbox acks, String text) {
		return (String) request(client, acks, "/app/rooms/" + this.room + "/messages", Map.of("text", text)).get("id");
	}

	private static Map<String, Object> request(StompTestClient client, Inbox acks, String destination, Object payload) {
		String ackId = UUID.randomUUID().toString();
		client.send(destination, payload, "ack-id", ackId);
		Map<String, Object> ack = acks.nextMatching((candidate) -> ackId.equals(candidate.get("ackId")));
		assertThat(ack).as(destination).containsEntry("ok", true);
		return ack;
	}

	private static String refusal(StompTestClient client, Inbox acks, String destination, Object payload) {
		String ackId = UUID.randomUUID().toString();
		client.send(destination, payload, "ack-id", ackId);
		Map<String, Object> ack = acks.nextMatching((candidate) -> ackId.equals(candidate.get("ackId")));
		assertThat(ack).as(destination).containsEntry("ok", false);
		return (String) ack.get("code");
	}

	private Map<String, Object> sidebarEntry(TestUser user) {
		return sidebar(user).stream().filter((entry) -> this.room.equals(entry.get("name"))).findFirst().orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> sidebar(TestUser user) {
		HttpResponse<String> response = this.users.get("/api/me/rooms", user.token());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (List<Map<String, Object>>) JSON.readValue(response.body(), Map.class).get("rooms");
	}

}
