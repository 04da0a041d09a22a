package dev.switchboard.system;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets a clear error for the sender only, and the connection and
 * everyone else carry on.
 */
@SwitchboardTest
class BadInputIT {

	@LocalServerPort
	int port;

	String room;

	StompTestClient sender;

	StompTestClient bystander;

	Inbox errors;

	Inbox acks;

	Inbox bystanderEvents;

	@BeforeEach
	void setUp() {
		TestUsers users = new TestUsers(this.port);
		TestUser mallory = users.create("mallory");
		TestUser bob = users.create("bob");
		this.room = "bad-input-" + UUID.randomUUID().toString().substring(0, 8);
		this.sender = StompTestClient.connect(this.port, mallory.token());
		this.bystander = StompTestClient.connect(this.port, bob.token());
		this.errors = this.sender.subscribe("/user/queue/errors");
		this.acks = this.sender.subscribe("/user/queue/acks");
		this.sender.join(this.room);
		this.bystanderEvents = this.bystander.join(this.room);
	}

	@AfterEach
	void tearDown() {
		this.sender.close();
		this.bystander.close();
	}

	@Test
	void invalidRoomName() {
		this.sender.send("/app/rooms/Not_A_Room/messages", Map.of("text", "hi"));
		assertError("invalid-room", "/app/rooms/Not_A_Room/messages");
	}

	@Test
	void emptyText() {
		this.sender.send(messages(), Map.of("text", "  "));
		assertError("empty-text", messages());
	}

	@Test
	void missingText() {
		this.sender.send(messages(), Map.of());
		assertError("empty-text", messages());
	}

	@Test
	void overLongText() {
		this.sender.send(messages(), Map.of("text", "x".repeat(4001)));
		assertThat(this.errors.next()).containsEntry("code", "text-too-long")
			.extractingByKey("message")
			.asString()
			.contains("4000");
		assertOthersUnaffected();
	}

	@Test
	void textAtTheLimitIsAccepted() {
		this.sender.send(messages(), Map.of("text", "\ud83d\ude00".repeat(4000)), "ack-id", "limit");
		assertThat(this.acks.next()).containsEntry("ackId", "limit").containsEntry("ok", true);
	}

	@Test
	void malformedJson() {
		this.sender.sendRaw(messages(), "{\"text\": ".getBytes(StandardCharsets.UTF_8));
		assertError("bad-request", messages());
	}

	@Test
	void jsonOfTheWrongShape() {
		this.sender.sendRaw(messages(), "[1, 2, 3]".getBytes(StandardCharsets.UTF_8));
		assertError("bad-request", messages());
	}

	@Test
	void unknownApplicationDestination() {
		this.sender.send("/app/does-not-exist", Map.of("text", "hi"));
		assertError("forbidden", "/app/does-not-exist");
	}

	@Test
	void sendingStraightToTheBrokerIsForbidden() {
		this.sender.send("/topic/rooms." + this.room,
				Map.of("type", "message", "from", "admin", "text", "forged", "seq", 99));
		assertError("forbidden", "/topic/rooms." + this.room);
	}

	@Test
	void failedSendWithAckIdGetsANegativeAcknowledgement() {
		this.sender.send(messages(), Map.of("text", ""), "ack-id", "nack-me");
		assertThat(this.acks.next()).containsEntry("ackId", "nack-me")
			.containsEntry("ok", false)
			.containsEntry("code", "empty-text");
		assertThat(this.errors.next()).containsEntry("ackId", "nack-me");
		assertOthersUnaffected();
	}

	@Test
	void subscribingToAnUnknownDestinationEndsTheConnectionWithAnErrorFrame() {
		this.sender.subscribe("/topic/not-a-feature");
		assertThat(this.sender.awaitError().getFirst("message")).contains("/topic/not-a-feature");
		this.bystander.send(messages(), Map.of("text", "still here"));
		assertThat(this.bystanderEvents.nextOfType("message")).containsEntry("text", "still here");
	}

	@Test
	void subscribingToAnInvalidRoomNameEndsTheConnectionWithAnErrorFrame() {
		this.sender.subscribe("/topic/rooms.UPPER");
		assertThat(this.sender.awaitError().getFirst("message")).contains("/topic/rooms.UPPER");
	}

	private String messages() {
		return "/app/rooms/" + this.room + "/messages";
	}

	private void assertError(String code, String destination) {
		assertThat(this.errors.next()).containsEntry("code", code)
			.containsEntry("destination", destination)
			.containsKey("message");
		assertOthersUnaffected();
	}

	/**
	 * The sender's connection still works, and the bystander's next room event is the
	 * sender's valid message: nothing from the bad request reached it.
	 */
	private void assertOthersUnaffected() {
		this.sender.send(messages(), Map.of("text", "valid"), "ack-id", "after");
		assertThat(this.acks.nextMatching((ack) -> "after".equals(ack.get("ackId")))).containsEntry("ok", true);
		assertThat(this.bystanderEvents.next()).containsEntry("type", "message").containsEntry("text", "valid");
	}

}
