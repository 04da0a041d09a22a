package dev.switchboard.accounts;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/auth/signup} and {@code POST /api/auth/token}.
 */
@SwitchboardTest
class AccountsApiIT {

	@LocalServerPort
	int port;

	TestUsers users;

	String name;

	@BeforeEach
	void setUp() {
		this.users = new TestUsers(this.port);
		this.name = "Dora_" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void signupCreatesAnAccount() {
		HttpResponse<String> response = signup(this.name, "long-enough");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).contains("\"username\":\"" + this.name + "\"");
	}

	@Test
	void nameIsTakenInAnyCase() {
		signup(this.name, "long-enough");
		HttpResponse<String> again = signup(this.name.toLowerCase(), "other-password");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("\"code\":\"username-taken\"");
	}

	@Test
	void invalidNamesAndShortPasswordsAreRejected() {
		assertThat(signup("ab", "long-enough").statusCode()).isEqualTo(400);
		assertThat(signup("has space", "long-enough").statusCode()).isEqualTo(400);
		assertThat(signup("x".repeat(33), "long-enough").statusCode()).isEqualTo(400);
		HttpResponse<String> shortPassword = signup(this.name, "short");
		assertThat(shortPassword.statusCode()).isEqualTo(400);
		assertThat(shortPassword.body()).contains("\"code\":\"bad-request\"").contains("password");
		assertThat(token(this.name, "short").statusCode()).as("nothing was created").isEqualTo(401);
	}

	@Test
	void malformedJsonIsRejected() {
		HttpResponse<String> response = this.users.postJson("/api/auth/signup", "not an object");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"bad-request\"");
	}

	@Test
	void tokenIsIssuedForTheRightPasswordOnly() {
		signup(this.name, "long-enough");
		HttpResponse<String> token = token(this.name.toUpperCase(), "long-enough");
		assertThat(token.statusCode()).isEqualTo(200);
		assertThat(token.body()).contains("\"token\":\"").contains("\"expiresAt\":");
		assertThat(token(this.name, "wrong-password").statusCode()).isEqualTo(401);
		assertThat(token("nobody-" + this.name, "long-enough").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> signup(String username, String password) {
		return this.users.postJson("/api/auth/signup", Map.of("username", username, "password", password));
	}

	private HttpResponse<String> token(String username, String password) {
		return this.users.postJson("/api/auth/token", Map.of("username", username, "password", password));
	}

}
