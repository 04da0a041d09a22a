package dev.switchboard.browser;

import java.util.List;

import dev.switchboard.support.Browsers;
import dev.switchboard.support.ChatPages;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A program on realtime.js connected with an access token: the server closes its
 * connection when the token expires (tokens live 3 s here); with a refreshToken callback
 * the client reconnects by itself with a fresh token, without one it stops and says why.
 */
@SwitchboardTest(properties = { "switchboard.auth.token-ttl=3s", "switchboard.auth.connection-check-interval=100ms" })
class TokenRefreshBrowserIT {

	private static final String CONNECT = """
			const [user, password, refresh, done] = arguments;
			(async () => {
				const { connect } = await import('/js/realtime.js');
				window.__tokens = 0;
				window.__states = [];
				window.__errors = [];
				const token = async () => {
					window.__tokens += 1;
					const response = await fetch('/api/auth/token', { method: 'POST',
						headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password }) });
					return (await response.json()).token;
				};
				const rt = connect({ headers: { Authorization: 'Bearer ' + await token() },
					refreshToken: refresh ? token : undefined });
				rt.on('state', (state) => window.__states.push(state));
				rt.on('error', (error) => window.__errors.push(error.code));
				done();
			})();
			""";

	@LocalServerPort
	int port;

	ChromeDriver browser;

	TestUser user;

	@BeforeEach
	void setUp() {
		Browsers.assumeAvailable();
		this.user = new TestUsers(this.port).create("program");
		this.browser = Browsers.start();
		this.browser.get("http://localhost:" + this.port + "/login"); // a page with the
																		// import map
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void withARefreshCallbackTheClientReconnectsWithAFreshTokenWhenTheServerClosesForAnExpiredOne() {
		this.browser.executeAsyncScript(CONNECT, this.user.name(), this.user.password(), true);

		ChatPages.waitFor(this.browser)
			.until((d) -> states().containsAll(List.of("connected", "reconnecting")) && tokens() >= 2
					&& states().get(states().size() - 1).equals("connected"));
		assertThat(errors()).isEmpty();
	}

	@Test
	void withoutARefreshCallbackTheClientStopsWithTokenExpired() {
		this.browser.executeAsyncScript(CONNECT, this.user.name(), this.user.password(), false);

		ChatPages.waitFor(this.browser).until((d) -> errors().contains("token-expired"));
		assertThat(states()).containsSubsequence("connected", "offline");
		assertThat(tokens()).isOne();
	}

	@SuppressWarnings("unchecked")
	private List<String> states() {
		return (List<String>) this.browser.executeScript("return window.__states");
	}

	@SuppressWarnings("unchecked")
	private List<String> errors() {
		return (List<String>) this.browser.executeScript("return window.__errors");
	}

	private long tokens() {
		return ((Number) this.browser.executeScript("return window.__tokens")).longValue();
	}

}
