package dev.switchboard.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.BrowserSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error pages are the product's own, in its layout, for a browser; programs asking for
 * JSON keep getting JSON.
 */
@SwitchboardTest
class ErrorPagesIT {

	@LocalServerPort
	int port;

	BrowserSession bob;

	@BeforeEach
	void setUp() {
		TestUsers users = new TestUsers(this.port);
		this.bob = users.login(users.create("bob"));
	}

	@Test
	void anUnknownPageIsANotFoundPageInTheLayout() throws Exception {
		HttpResponse<String> page = get("/no-such-page", "text/html");

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("Page not found", "class=\"topbar\"", "lang=\"en\"")
			.doesNotContain("Whitelabel");
	}

	@Test
	void aNonAdminOpeningTheOperationsDashboardGetsTheNotAllowedPage() throws Exception {
		HttpResponse<String> page = get("/dashboards/ops", "text/html");

		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("Not allowed", "class=\"topbar\"").doesNotContain("Whitelabel");
	}

	@Test
	void aProgramAskingForJsonGetsJson() throws Exception {
		HttpResponse<String> reply = get("/no-such-page", "application/json");

		assertThat(reply.statusCode()).isEqualTo(404);
		assertThat(reply.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
	}

	private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Accept", accept)
				.header("Cookie", this.bob.cookie())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
