package dev.switchboard.rooms;

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
 * Private rooms: creation, refusal of outsiders, invitations.
 */
@SwitchboardTest
class PrivateRoomsIT {

	@LocalServerPort
	int port;

	TestUsers users;

	String room;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.room = "private-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void outsiderCannotSubscribeToAPrivateRoom() {
		TestUser owner = this.users.create("owner");
		TestUser outsider = this.users.create("outsider");
		try (StompTestClient o = StompTestClient.connect(this.port, owner.token());
				StompTestClient x = StompTestClient.connect(this.port, outsider.token())) {
			create(o, this.room);
			x.subscribe("/topic/rooms." + this.room);
			assertThat(x.awaitError().getFirst("message")).contains("/topic/rooms." + this.room);
		}
	}

	@Test
	void outsiderCannotPostToAPrivateRoom() {
		TestUser owner = this.users.create("owner");
		TestUser outsider = this.users.create("outsider");
		try (StompTestClient o = StompTestClient.connect(this.port, owner.token());
				StompTestClient x = StompTestClient.connect(this.port, outsider.token())) {
			create(o, this.room);
			Inbox ownerEvents = o.join(this.room);
			Inbox errors = x.subscribe("/user/queue/errors");
			x.sync();

			x.send("/app/rooms/" + this.room + "/messages", Map.of("text", "let me in"));
			assertThat(errors.next()).containsEntry("code", "forbidden");

			o.send("/app/rooms/" + this.room + "/messages", Map.of("text", "marker"));
			assertThat(ownerEvents.nextOfType("message")).containsEntry("text", "marker").containsEntry("seq", 1);
		}
	}

	@Test
	void invitedUserIsToldAndMayJoin() {
		TestUser owner = this.users.create("owner");
		TestUser guest = this.users.create("guest");
		try (StompTestClient o = StompTestClient.connect(this.port, owner.token());
				StompTestClient g = StompTestClient.connect(this.port, guest.token())) {
			Inbox invitations = g.subscribe("/user/queue/invitations");
			g.sync();
			create(o, this.room);
			Inbox acks = o.subscribe("/user/queue/acks");
			o.sync();

			o.send("/app/rooms/" + this.room + "/invite", Map.of("user", guest.name()), "ack-id", "inv");

			assertThat(acks.next()).containsEntry("ackId", "inv").containsEntry("ok", true);
			assertThat(invitations.next()).containsEntry("type", "invitation")
				.containsEntry("room", this.room)
				.containsEntry("from", owner.name());
			Inbox guestEvents = g.join(this.room);
			o.send("/app/rooms/" + this.room + "/messages", Map.of("text", "welcome"));
			assertThat(guestEvents.nextOfType("message")).containsEntry("text", "welcome");
		}
	}

	@Test
	void onlyTheOwnerMayInvite() {
		TestUser owner = this.users.create("owner");
		TestUser guest = this.users.create("guest");
		TestUser other = this.users.create("other");
		try (StompTestClient o = StompTestClient.connect(this.port, owner.token());
				StompTestClient g = StompTestClient.connect(this.port, guest.token())) {
			create(o, this.room);
			o.send("/app/rooms/" + this.room + "/invite", Map.of("user", guest.name()));
			Inbox acks = g.subscribe("/user/queue/acks");
			g.sync();

			g.send("/app/rooms/" + this.room + "/invite", Map.of("user", other.name()), "ack-id", "x");

			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "forbidden");
		}
	}

	@Test
	void roomNameCannotBeTakenTwice() {
		TestUser owner = this.users.create("owner");
		try (StompTestClient o = StompTestClient.connect(this.port, owner.token())) {
			create(o, this.room);
			Inbox acks = o.subscribe("/user/queue/acks");
			o.sync();
			o.send("/app/rooms", Map.of("name", this.room, "visibility", "private"), "ack-id", "again");
			assertThat(acks.next()).containsEntry("ok", false).containsEntry("code", "room-exists");
		}
	}

	@Test
	void roomListShowsPublicRoomsAndOwnPrivateRoomsOnly() {
		TestUser owner = this.users.create("owner");
		TestUser outsider = this.users.create("outsider");
		try (StompTestClient o = StompTestClient.connect(this.port, owner.token())) {
			create(o, this.room);
		}
		assertThat(this.users.get("/api/rooms", owner.token()).body()).contains("\"name\":\"" + this.room + "\"")
			.contains("\"visibility\":\"private\"");
		assertThat(this.users.get("/api/rooms", outsider.token()).body()).doesNotContain(this.room);
	}

	private static void create(StompTestClient client, String room) {
		Inbox acks = client.subscribe("/user/queue/acks");
		client.send("/app/rooms", Map.of("name", room, "visibility", "private"), "ack-id", "create-" + room);
		Map<String, Object> ack = acks.nextMatching((candidate) -> ("create-" + room).equals(candidate.get("ackId")));
		assertThat(ack).containsEntry("ok", true).containsEntry("visibility", "private");
		client.unsubscribe("/user/queue/acks");
	}

}
