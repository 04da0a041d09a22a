package dev.switchboard.chat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/rooms/{room}/messages}: paging backwards, members only.
 */
@SwitchboardTest
class HistoryApiIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void pagesBackwardsThroughTheHistoryOldestFirstWithinAPage() {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		String room = "history-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient client = StompTestClient.connect(this.port, alice.token())) {
			Inbox events = client.join(room);
			for (int i = 1; i <= 7; i++) {
				client.send("/app/rooms/" + room + "/messages", Map.of("text", "m" + i));
			}
			events.next(7);
		}
		JsonNode newest = get(users, alice, "/api/rooms/" + room + "/messages?limit=3");
		assertThat(newest.get("hasMore").asBoolean()).isTrue();
		assertThat(newest.get("messages").valueStream().map((m) -> m.get("seq").asInt()).toList()).containsExactly(5, 6,
				7);
		JsonNode older = get(users, alice, "/api/rooms/" + room + "/messages?limit=3&before=5");
		assertThat(older.get("messages").valueStream().map((m) -> m.get("text").asString()).toList())
			.containsExactly("m2", "m3", "m4");
		JsonNode oldest = get(users, alice, "/api/rooms/" + room + "/messages?limit=3&before=2");
		assertThat(oldest.get("hasMore").asBoolean()).isFalse();
		assertThat(oldest.get("messages")).hasSize(1);
	}

	@Test
	void privateRoomHistoryIsForMembersOnly() {
		TestUsers users = new TestUsers(this.port);
		TestUser owner = users.create("owner");
		TestUser outsider = users.create("outsider");
		String room = "secret-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient client = StompTestClient.connect(this.port, owner.token())) {
			Inbox acks = client.subscribe("/user/queue/acks");
			client.send("/app/rooms", Map.of("name", room, "visibility", "private"), "ack-id", "c");
			assertThat(acks.next()).containsEntry("ok", true);
		}
		assertThat(users.get("/api/rooms/" + room + "/messages", owner.token()).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = users.get("/api/rooms/" + room + "/messages", outsider.token());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("\"code\":\"forbidden\"");
	}

	@Test
	void unknownRoomsAndBadLimitsAreErrors() {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		assertThat(users.get("/api/rooms/no-such-room-here/messages", alice.token()).statusCode()).isEqualTo(404);
		assertThat(users.get("/api/rooms/Bad_Name/messages", alice.token()).statusCode()).isEqualTo(400);
		assertThat(users.get("/api/rooms/lobby/messages?limit=0", alice.token()).statusCode()).isEqualTo(400);
	}

	private static JsonNode get(TestUsers users, TestUser user, String path) {
		HttpResponse<String> response = users.get(path, user.token());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
