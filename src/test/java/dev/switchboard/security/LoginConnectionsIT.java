package dev.switchboard.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.switchboard.support.RawSocket;
import dev.switchboard.support.RawSocket.Frame;
import dev.switchboard.support.RawTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.BrowserSession;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket connections end with their login: a logout closes those of its HTTP session
 * on both endpoints, so does the end of the session elsewhere (expired, or logged out on
 * another instance), and a token connection is closed when its token expires (tokens live
 * 2 s here), each with a close code a client can act on.
 */
@SwitchboardTest(properties = { "switchboard.auth.token-ttl=2s", "switchboard.auth.connection-check-interval=100ms",
		"switchboard.auth.session-check-interval=200ms" })
class LoginConnectionsIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
	}

	@Test
	void aStompConnectionAuthenticatedByATokenIsClosedWith4402WhenTheTokenExpires() throws IOException {
		TestUser alice = this.users.create("alice");
		try (RawSocket stomp = RawSocket.open(this.port, "/ws", 65536, "v12.stomp", "")) {
			stomp.write(Frame.TEXT, stompFrame("CONNECT", "accept-version:1.2", "heart-beat:0,0",
					"Authorization:Bearer " + alice.token()));
			assertThat(text(stomp.read())).startsWith("CONNECTED");

			Frame close = nextClose(stomp);
			assertThat(close.closeCode()).isEqualTo(LoginConnections.TOKEN_EXPIRED);
			assertThat(reason(close)).isEqualTo("token expired");
		}
	}

	@Test
	void aRawConnectionAuthenticatedByATokenIsClosedWith4402WhenTheTokenExpires() {
		TestUser alice = this.users.create("alice");
		try (RawTestClient raw = RawTestClient.connect(this.port, alice.token())) {
			assertThat(raw.isClosed()).isFalse();
			assertThat(raw.awaitClose()).isEqualTo(LoginConnections.TOKEN_EXPIRED);
		}
	}

	@Test
	void loggingOutClosesTheSessionsStompAndRawConnectionsWith4401() throws Exception {
		TestUser alice = this.users.create("alice");
		BrowserSession browser = this.users.login(alice);
		try (RawSocket stomp = RawSocket.open(this.port, "/ws", 65536, "v12.stomp",
				"Cookie: " + browser.cookie() + "\r\n");
				RawTestClient raw = RawTestClient.connectWithCookie(this.port, browser.cookie())) {
			stomp.write(Frame.TEXT, stompFrame("CONNECT", "accept-version:1.2", "heart-beat:0,0",
					"X-CSRF-TOKEN:" + browser.csrfToken()));
			assertThat(text(stomp.read())).startsWith("CONNECTED");
			assertThat(raw.isClosed()).isFalse();

			HttpResponse<String> logout = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/logout"))
					.header("Cookie", browser.cookie())
					.header("X-CSRF-TOKEN", browser.csrfToken())
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(logout.statusCode()).isEqualTo(302);

			Frame close = nextClose(stomp);
			assertThat(close.closeCode()).isEqualTo(LoginConnections.SESSION_ENDED);
			assertThat(reason(close)).isEqualTo("session ended: logged out");
			assertThat(raw.awaitClose()).isEqualTo(LoginConnections.SESSION_ENDED);
		}
	}

	@Test
	void aSessionGoneFromTheStoreClosesItsConnectionsWith4401() throws Exception {
		TestUser alice = this.users.create("alice");
		BrowserSession browser = this.users.login(alice);
		try (RawTestClient raw = RawTestClient.connectWithCookie(this.port, browser.cookie())) {
			assertThat(raw.isClosed()).isFalse();

			// As when the session expires, or another instance handles the logout.
			assertThat(
					this.jdbc.sql("delete from spring_session where principal_name = ?").param(alice.name()).update())
				.isOne();

			assertThat(raw.awaitClose()).isEqualTo(LoginConnections.SESSION_ENDED);
		}
	}

	private static Frame nextClose(RawSocket socket) throws IOException {
		for (;;) {
			Frame frame = socket.read();
			if (frame.opcode() == Frame.CLOSE) {
				return frame;
			}
		}
	}

	private static byte[] stompFrame(String command, String... headers) {
		return (command + "\n" + String.join("\n", headers) + "\n\n\0").getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Frame frame) {
		return new String(frame.payload(), StandardCharsets.UTF_8);
	}

	private static String reason(Frame close) {
		return new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8);
	}

}
