package dev.switchboard.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawStompClient;
import dev.switchboard.support.RawStompClient.Frame;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each limit: exceeding it gives a clear error to that client only.
 */
@SwitchboardTest(
		properties = { "switchboard.limits.connections-per-user=2", "switchboard.limits.subscriptions-per-connection=4",
				"switchboard.limits.send-rate=1", "switchboard.limits.send-burst=3",
				"switchboard.websocket.max-message-size=8KB", "switchboard.websocket.heartbeat-incoming=1s" })
class LimitsIT {

	@LocalServerPort
	int port;

	@Autowired
	ConnectionLimits limits;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
	}

	@Test
	void oneConnectionTooManyIsRefusedUntilAnotherCloses() {
		TestUser alice = this.users.create("alice");
		try (StompTestClient first = StompTestClient.connect(this.port, alice.token())) {
			StompTestClient second = StompTestClient.connect(this.port, alice.token());
			String refusal = StompTestClient.refused(this.port, new WebSocketHttpHeaders(), bearer(alice));
			assertThat(refusal).contains("2 connections");
			second.close();
			await().until(() -> this.limits.connections(alice.name()) == 1);
			try (StompTestClient third = StompTestClient.connect(this.port, alice.token())) {
				assertThat(third.isConnected()).isTrue();
			}
			assertThat(first.isConnected()).as("the open connection was not affected").isTrue();
		}
	}

	@Test
	void oneSubscriptionTooManyEndsTheConnectionWithAnErrorFrame() {
		TestUser alice = this.users.create("alice");
		try (StompTestClient client = StompTestClient.connect(this.port, alice.token())) {
			for (String queue : new String[] { "errors", "acks", "messages", "invitations" }) {
				client.subscribe("/user/queue/" + queue);
			}
			client.subscribe("/topic/rooms.one-too-many");
			assertThat(client.awaitError().getFirst("message")).contains("at most 4 subscriptions");
		}
	}

	@Test
	void sendingFasterThanTheRateIsRefusedWithoutStoringAnything() {
		TestUser alice = this.users.create("alice");
		String room = "rate-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient client = StompTestClient.connect(this.port, alice.token())) {
			Inbox events = client.join(room);
			Inbox acks = client.subscribe("/user/queue/acks");
			client.sync();
			for (int i = 0; i < 20; i++) {
				client.send("/app/rooms/" + room + "/messages", Map.of("text", "m" + i), "ack-id", "a" + i);
			}
			List<Map<String, Object>> results = acks.next(20);
			List<Map<String, Object>> accepted = results.stream().filter((ack) -> (Boolean) ack.get("ok")).toList();
			List<Map<String, Object>> refused = results.stream().filter((ack) -> !(Boolean) ack.get("ok")).toList();
			assertThat(refused).isNotEmpty().allSatisfy((ack) -> assertThat(ack).containsEntry("code", "rate-limited"));
			List<Object> seqs = new ArrayList<>();
			for (int i = 0; i < accepted.size(); i++) {
				seqs.add(events.nextOfType("message").get("seq"));
			}
			assertThat(seqs).as("only accepted messages were stored, without gaps")
				.containsExactlyElementsOf(accepted.stream().map((ack) -> ack.get("seq")).toList());
			assertThat(seqs.get(seqs.size() - 1)).isEqualTo(accepted.size());
		}
	}

	@Test
	void frameLargerThanTheMessageSizeLimitEndsTheConnection() throws Exception {
		TestUser alice = this.users.create("alice");
		String room = "big-" + UUID.randomUUID().toString().substring(0, 8);
		try (RawStompClient client = RawStompClient.connect(this.port, alice.token(), 65536)) {
			client.send("SEND",
					Map.of("destination", "/app/rooms/" + room + "/messages", "content-type", "application/json"),
					"{\"text\":\"" + "x".repeat(9000) + "\"}");
			Frame error = client.readFrame();
			assertThat(error.command()).isEqualTo("ERROR");
			assertThat(error.body()).contains("\"code\":\"too-large\"");
			assertThat(client.readFrame().command()).isEqualTo("CLOSE");
		}
	}

	@Test
	void clientThatMissesItsHeartBeatsIsDisconnectedAndLeavesItsRooms() throws Exception {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		String room = "heartbeat-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient watcher = StompTestClient.connect(this.port, alice.token());
				RawStompClient silent = RawStompClient.connect(this.port, bob.token(), 65536,
						Map.of("heart-beat", "1000,0"))) {
			Inbox events = watcher.join(room);
			silent.send("SUBSCRIBE", Map.of("id", "room", "destination", "/topic/rooms." + room), "");
			assertThat(events.next()).containsEntry("user", bob.name()).containsEntry("state", "joined");
			// The silent client promised a heart-beat every second and sends nothing
			// more.
			assertThat(events.next()).containsEntry("user", bob.name()).containsEntry("state", "left");
			Frame frame;
			while (!"CLOSE".equals((frame = silent.readFrame()).command())) {
				assertThat(frame.command()).isIn("MESSAGE", "ERROR");
			}
		}
	}

	private static StompHeaders bearer(TestUser user) {
		StompHeaders headers = new StompHeaders();
		headers.add("Authorization", "Bearer " + user.token());
		return headers;
	}

}
