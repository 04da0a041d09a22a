package dev.switchboard.raw;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers.BrowserSession;
import dev.switchboard.support.TestUsers.TestUser;
import dev.switchboard.support.TestUsers;
import dev.switchboard.websocket.WebSocketConnections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may open {@code /raw} (a logged-in page, or a token in the query), and what a raw
 * client may not do: join a private room it was not invited to.
 */
@SwitchboardTest(properties = { "switchboard.raw.ping-interval=1s", "switchboard.raw.max-binary-message-size=16KB" })
class RawAuthenticationIT {

	@LocalServerPort
	int port;

	@Autowired
	WebSocketConnections connections;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
	}

	@Test
	void handshakeWithoutAValidTokenOrSessionIsRefusedWith401() {
		assertThat(RawTestClient.refusedStatus(this.port, "", Map.of())).isEqualTo(401);
		assertThat(RawTestClient.refusedStatus(this.port, "?access_token=not.a.token", Map.of())).isEqualTo(401);
	}

	@Test
	void onlyTheRawHandshakeTakesATokenFromTheQuery() throws Exception {
		TestUser alice = this.users.create("alice");
		assertThat(this.users.get("/api/rooms", alice.token()).statusCode()).isEqualTo(200);
		HttpResponse<String> api = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/rooms?access_token=" + alice.token()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(401);
		try (RawTestClient programs = RawTestClient.open(this.port, "",
				Map.of("Authorization", "Bearer " + alice.token()))) {
			assertThat(programs.events().next()).as("programs may send the header instead")
				.containsEntry("user", alice.name());
		}
	}

	@Test
	void aTokenInTheQueryOrALoggedInSessionAuthenticates() {
		TestUser alice = this.users.create("alice");
		try (RawTestClient byToken = RawTestClient.connect(this.port, alice.token())) {
			byToken.join("lobby");
		}
		BrowserSession browser = this.users.login(alice);
		try (RawTestClient byCookie = RawTestClient.open(this.port, "", Map.of("Cookie", browser.cookie()))) {
			assertThat(byCookie.events().next()).containsEntry("type", "connected").containsEntry("user", alice.name());
		}
	}

	@Test
	void pagesOfOtherSitesMayNotConnect() {
		TestUser alice = this.users.create("alice");
		assertThat(RawTestClient.refusedStatus(this.port, "?access_token=" + alice.token(),
				Map.of("Origin", "https://elsewhere.example")))
			.isEqualTo(403);
	}

	@Test
	void joiningAPrivateRoomWithoutAnInvitationIsAnErrorAndClosesWith1008() {
		TestUser owner = this.users.create("owner");
		TestUser guest = this.users.create("guest");
		String room = "private-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient stomp = StompTestClient.connect(this.port, owner.token());
				RawTestClient raw = RawTestClient.connect(this.port, guest.token())) {
			Inbox acks = stomp.subscribe("/user/queue/acks");
			stomp.sync();
			stomp.send("/app/rooms", Map.of("name", room, "visibility", "private"), "ack-id", "create");
			assertThat(acks.next()).containsEntry("ok", true);

			raw.send(Map.of("type", "send", "room", room, "text", "let me in"));
			assertThat(raw.events().next()).containsEntry("type", "error").containsEntry("code", "forbidden");

			raw.send(Map.of("type", "join", "room", room));
			assertThat(raw.events().next()).containsEntry("type", "error")
				.containsEntry("code", "forbidden")
				.containsEntry("destination", "/topic/rooms." + room);
			assertThat(raw.awaitClose()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
		}
	}

	@Test
	void anInvitationReachesTheRawClientWhichMayThenJoin() {
		TestUser owner = this.users.create("owner");
		TestUser guest = this.users.create("guest");
		String room = "private-" + UUID.randomUUID().toString().substring(0, 8);
		try (StompTestClient stomp = StompTestClient.connect(this.port, owner.token());
				RawTestClient raw = RawTestClient.connect(this.port, guest.token())) {
			stomp.send("/app/rooms", Map.of("name", room, "visibility", "private"));
			stomp.send("/app/rooms/" + room + "/invite", Map.of("user", guest.name()));
			assertThat(raw.events().nextOfType("invitation")).containsEntry("room", room)
				.containsEntry("from", owner.name());
			raw.join(room);
		}
	}

	@Test
	void aServerRestartClosesRawConnectionsWith1012() {
		TestUser alice = this.users.create("alice");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			assertThat(this.connections.closeAll(CloseStatus.SERVICE_RESTARTED)).isGreaterThanOrEqualTo(1);
			assertThat(raw.awaitClose()).isEqualTo(1012);
		}
	}

}
