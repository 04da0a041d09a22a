package dev.switchboard.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;

import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSRF check is skipped only for API requests with a valid bearer token: any other
 * {@code Authorization} header (one a browser may attach by itself) leaves the form
 * endpoints checked, and an invalid bearer token is refused before anything runs.
 */
@SwitchboardTest
@Import(CsrfIT.ApiPost.class)
class CsrfIT {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@ValueSource(strings = { "/login", "/signup", "/logout" })
	void formPostWithBasicCredentialsAndNoCsrfTokenIsRefused(String path) throws Exception {
		HttpResponse<String> response = post(path, "Basic b3BzX2FkbWluOm9wcy1hZG1pbi1wYXNzd29yZA==",
				"application/x-www-form-urlencoded", "username=ops_admin&password=ops-admin-password");
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/login", "/signup", "/logout" })
	void formPostWithAValidBearerTokenAndNoCsrfTokenIsRefused(String path) throws Exception {
		TestUser alice = new TestUsers(this.port).create("csrf");
		HttpResponse<String> response = post(path, "Bearer " + alice.token(), "application/x-www-form-urlencoded",
				"username=" + alice.name() + "&password=" + alice.password());
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void apiPostWithAValidBearerTokenNeedsNoCsrfToken() throws Exception {
		TestUser alice = new TestUsers(this.port).create("csrf");
		HttpResponse<String> response = post("/api/test/echo", "Bearer " + alice.token(), "text/plain", "");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(alice.name());
	}

	@Test
	void apiPostWithAnInvalidBearerTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = post("/api/test/echo", "Bearer not-a-token", "text/plain", "");
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void apiPostWithBasicCredentialsIsCsrfChecked() throws Exception {
		HttpResponse<String> response = post("/api/test/echo", "Basic b3BzX2FkbWluOm9wcy1hZG1pbi1wYXNzd29yZA==",
				"text/plain", "");
		assertThat(response.statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> post(String path, String authorization, String contentType, String body)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", authorization)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * An API endpoint taking a POST, which the application itself does not have.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ApiPost {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	@RestController
	static class Echo {

		@PostMapping("/api/test/echo")
		String echo(Principal user) {
			return user.getName();
		}

	}

}
