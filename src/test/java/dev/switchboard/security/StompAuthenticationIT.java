package dev.switchboard.security;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.BrowserSession;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two ways to authenticate a STOMP connection, and their refusals.
 */
@SwitchboardTest
class StompAuthenticationIT {

	@LocalServerPort
	int port;

	TestUsers users;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
	}

	@Test
	void bearerTokenConnectsAsItsUser() {
		TestUser alice = this.users.create("alice");
		try (StompTestClient client = StompTestClient.connect(this.port, alice.token())) {
			String room = "auth-" + UUID.randomUUID().toString().substring(0, 8);
			client.join(room);
			assertThat(client.members(room)).containsExactly(alice.name());
		}
	}

	@Test
	void invalidTokenIsRefusedWithAnErrorFrame() {
		String message = StompTestClient.refused(this.port, new WebSocketHttpHeaders(),
				connectHeaders("Authorization", "Bearer not-a-token"));
		assertThat(message).containsIgnoringCase("token");
	}

	@Test
	void tokenSignedWithAnotherKeyIsRefused() {
		String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6NDEwMjQ0NDgwMCwicm9sZXMiOlsiQURNSU4iXX0."
				+ "c2lnbmF0dXJlLW9mLXNvbWVvbmUtZWxzZS1rZXktMTIzNDU2";
		String message = StompTestClient.refused(this.port, new WebSocketHttpHeaders(),
				connectHeaders("Authorization", "Bearer " + forged));
		assertThat(message).isNotBlank();
	}

	@Test
	void authorizationHeaderMustBeBearer() {
		String message = StompTestClient.refused(this.port, new WebSocketHttpHeaders(),
				connectHeaders("Authorization", "Basic YWxpY2U6c2VjcmV0"));
		assertThat(message).contains("Bearer");
	}

	@Test
	void connectWithoutCredentialsIsRefused() {
		String message = StompTestClient.refused(this.port, new WebSocketHttpHeaders(), new StompHeaders());
		assertThat(message).contains("Authentication required");
	}

	@Test
	void loggedInBrowserSessionConnectsWithItsCsrfToken() {
		TestUser alice = this.users.create("alice");
		BrowserSession session = this.users.login(alice);
		try (StompTestClient client = StompTestClient.connect(this.port, cookie(session),
				connectHeaders("X-CSRF-TOKEN", session.csrfToken()))) {
			String room = "session-" + UUID.randomUUID().toString().substring(0, 8);
			client.join(room);
			assertThat(client.members(room)).containsExactly(alice.name());
		}
	}

	@Test
	void loggedInBrowserSessionWithoutCsrfTokenIsRefused() {
		TestUser alice = this.users.create("alice");
		BrowserSession session = this.users.login(alice);
		String message = StompTestClient.refused(this.port, cookie(session), new StompHeaders());
		assertThat(message).contains("CSRF");
	}

	@Test
	void loggedInBrowserSessionWithWrongCsrfTokenIsRefused() {
		TestUser alice = this.users.create("alice");
		BrowserSession session = this.users.login(alice);
		String message = StompTestClient.refused(this.port, cookie(session),
				connectHeaders("X-CSRF-TOKEN", "d3JvbmctdG9rZW4td3JvbmctdG9rZW4="));
		assertThat(message).contains("CSRF");
	}

	@Test
	void handshakeFromAnotherSiteIsRefused() {
		TestUser alice = this.users.create("alice");
		WebSocketHttpHeaders http = new WebSocketHttpHeaders();
		http.setOrigin("https://evil.example");
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		assertThatThrownBy(() -> client.connectAsync("ws://localhost:" + this.port + "/ws", http,
				connectHeaders("Authorization", "Bearer " + alice.token()), new StompSessionHandlerAdapter() {
				})
			.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasStackTraceContaining("403");
	}

	@Test
	void handshakeFromTheSameOriginIsAccepted() {
		TestUser alice = this.users.create("alice");
		WebSocketHttpHeaders http = new WebSocketHttpHeaders();
		http.setOrigin("http://localhost:" + this.port);
		try (StompTestClient client = StompTestClient.connect(this.port, http,
				connectHeaders("Authorization", "Bearer " + alice.token()))) {
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void restApiAcceptsBearerTokensAndRefusesAnonymousCalls() {
		TestUser alice = this.users.create("alice");
		assertThat(this.users.get("/api/rooms", alice.token()).statusCode()).isEqualTo(200);
		assertThat(this.users.get("/api/rooms", "garbage").statusCode()).isEqualTo(401);
	}

	private static WebSocketHttpHeaders cookie(BrowserSession session) {
		WebSocketHttpHeaders http = new WebSocketHttpHeaders();
		http.add("Cookie", session.cookie());
		return http;
	}

	private static StompHeaders connectHeaders(String... pairs) {
		StompHeaders headers = new StompHeaders();
		for (int i = 0; i < pairs.length; i += 2) {
			headers.add(pairs[i], pairs[i + 1]);
		}
		return headers;
	}

}
