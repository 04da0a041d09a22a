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
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits of STOMP connections apply to raw ones, counted together (the same settings
 * as {@code LimitsIT}: 2 connections per user, 4 subscriptions per connection, which the
 * personal queues of a raw connection use up, 1 send per second with bursts of 3, 8 KB
 * per message).
 */
@SwitchboardTest(
		properties = { "switchboard.limits.connections-per-user=2", "switchboard.limits.subscriptions-per-connection=4",
				"switchboard.limits.send-rate=1", "switchboard.limits.send-burst=3",
				"switchboard.websocket.max-message-size=8KB", "switchboard.websocket.heartbeat-incoming=1s" })
class RawLimitsIT {

	@LocalServerPort
	int port;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
	}

	@Test
	void sendingFasterThanTheRateIsRefusedWithoutStoringAnything() {
		TestUser alice = this.users.create("alice");
		TestUser bob = this.users.create("bob");
		String room = "rate-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient stomp = StompTestClient.connect(this.port, bob.token());
				RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			Inbox events = stomp.join(room);
			for (int i = 0; i < 10; i++) {
				raw.send(Map.of("type", "send", "room", room, "text", "m" + i, "ackId", "a" + i));
			}
			List<Map<String, Object>> acks = new ArrayList<>();
			while (acks.size() < 10) {
				acks.add(raw.events().nextOfType("ack"));
			}
			List<Map<String, Object>> accepted = acks.stream().filter((ack) -> (Boolean) ack.get("ok")).toList();
			assertThat(acks).filteredOn((ack) -> !(Boolean) ack.get("ok"))
				.isNotEmpty()
				.allSatisfy((ack) -> assertThat(ack).containsEntry("code", "rate-limited"));
			List<Object> seqs = new ArrayList<>();
			for (int i = 0; i < accepted.size(); i++) {
				seqs.add(events.nextOfType("message").get("seq"));
			}
			assertThat(seqs).as("only accepted messages were stored, without gaps")
				.containsExactlyElementsOf(accepted.stream().map((ack) -> ack.get("seq")).toList());
		}
	}

	@Test
	void rawAndStompConnectionsCountTogetherTowardsTheConnectionLimit() {
		TestUser alice = this.users.create("alice");
		try (StompTestClient stomp = StompTestClient.connect(this.port, alice.token());
				RawTestClient raw = RawTestClient.connect(this.port, alice.token());
				RawTestClient oneTooMany = RawTestClient.open(this.port, "?access_token=" + alice.token(), Map.of())) {
			assertThat(oneTooMany.events().next()).containsEntry("type", "error")
				.containsEntry("code", "too-many-connections");
			assertThat(oneTooMany.awaitClose()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
			assertThat(stomp.isConnected()).isTrue();
			raw.send(Map.of("type", "direct", "to", alice.name(), "text", "note to self", "ackId", "still-here"));
			assertThat(raw.events().nextOfType("ack")).containsEntry("ok", true);
		}
	}

	@Test
	void oneSubscriptionTooManyIsAnErrorAndClosesWith1008() {
		TestUser alice = this.users.create("alice");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			raw.send(Map.of("type", "join", "room", "one-too-many"));
			assertThat(raw.events().next()).containsEntry("type", "error")
				.containsEntry("code", "too-many-subscriptions");
			assertThat(raw.awaitClose()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
		}
	}

	@Test
	void aTextMessageOverTheMessageSizeLimitClosesWith1009() {
		TestUser alice = this.users.create("alice");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			raw.send(Map.of("type", "send", "room", "lobby", "text", "x".repeat(9000)));
			assertThat(raw.events().next()).containsEntry("type", "error").containsEntry("code", "too-large");
			assertThat(raw.awaitClose()).isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
		}
	}

}
