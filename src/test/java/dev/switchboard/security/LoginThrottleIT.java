package dev.switchboard.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mockito.Mockito;
import org.mockito.invocation.Invocation;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password guessing is throttled on the token endpoint and the login form, without
 * hashing throttled attempts; the owner gets in again once the bucket refills, and other
 * accounts are served meanwhile. Sign-ups are limited per address.
 */
@SwitchboardTest(properties = { "switchboard.security.login.failures-per-account=3",
		"switchboard.security.login.failure-window=6s", "switchboard.security.login.signups-per-address=5" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleIT {

	private static final int GUESSES = 60;

	@LocalServerPort
	int port;

	@MockitoSpyBean
	PasswordEncoder passwordEncoder;

	TestUsers users;

	TestUser victim;

	TestUser bystander;

	TestUser formVictim;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	void createUsers() {
		this.users = new TestUsers(this.port);
		this.victim = this.users.create("victim");
		this.bystander = this.users.create("bystander");
		this.formVictim = this.users.create("formvictim");
	}

	@Test
	void wrongPasswordsOnTheTokenEndpointAreThrottledWithoutHashingAndTheOwnerGetsInLater() {
		Mockito.clearInvocations(this.passwordEncoder);
		List<HttpResponse<String>> answers = new ArrayList<>();
		for (int i = 0; i < GUESSES; i++) {
			answers.add(token(this.victim.name(), "wrong-password-" + i));
		}
		List<HttpResponse<String>> throttled = answers.stream().filter((a) -> a.statusCode() == 429).toList();
		long refused = answers.stream().filter((a) -> a.statusCode() == 401).count();
		assertThat(refused + throttled.size()).isEqualTo(GUESSES);
		// 3 at once, and at most a few more as the bucket refills (one every 2 s).
		assertThat(refused).isBetween(3L, 10L);
		assertThat(throttled).allSatisfy((answer) -> {
			assertThat(answer.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(1L, 6L);
			assertThat(answer.body()).contains("\"code\":\"rate-limited\"")
				.contains("\"destination\":\"/api/auth/token\"");
		});
		assertThat(passwordChecks()).as("only attempts that were not throttled hash a password").isEqualTo(refused);

		assertThat(token(this.bystander.name(), this.bystander.password()).statusCode())
			.as("another account is served meanwhile")
			.isEqualTo(200);
		// The bucket refills one failure every 2 s: the owner gets in again.
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> token(this.victim.name(), this.victim.password()).statusCode() == 200);
	}

	@Test
	void wrongPasswordsOnTheLoginFormAreThrottledWithAMessageOnTheLoginPage() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String csrf = csrfToken(browser);
		// 3 at once, and a few more if the bucket refills meanwhile (one every 2 s).
		HttpResponse<String> throttled = null;
		int wrong = 0;
		for (int i = 0; i < 10 && throttled == null; i++) {
			HttpResponse<String> answer = login(browser, csrf, this.formVictim.name(), "wrong-password");
			if (answer.statusCode() == 429) {
				throttled = answer;
			}
			else {
				wrong++;
				assertThat(answer.statusCode()).isEqualTo(302);
				assertThat(answer.headers().firstValue("Location"))
					.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
			}
		}
		assertThat(wrong).isGreaterThanOrEqualTo(3);
		assertThat(throttled).isNotNull();
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValueAsLong("Retry-After")).isPresent();
		assertThat(throttled.body()).contains("Too many failed logins. Try again in").contains("name=\"_csrf\"");
		assertThat(throttled.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void signUpsFromOneAddressAreLimited() throws Exception {
		HttpResponse<String> answer = null;
		for (int i = 0; i < 10; i++) {
			answer = this.users.postJson("/api/auth/signup",
					Map.of("username", "many_" + i + "_" + System.nanoTime() % 100000, "password", "long-enough"));
			if (answer.statusCode() != 201) {
				break;
			}
		}
		assertThat(answer.statusCode()).isEqualTo(429);
		assertThat(answer.headers().firstValueAsLong("Retry-After")).isPresent();
		assertThat(answer.body()).contains("\"code\":\"rate-limited\"");

		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String csrf = csrfToken(browser);
		HttpResponse<String> form = post(browser, "/signup",
				"username=form_" + System.nanoTime() % 100000 + "&password=long-enough&_csrf=" + encode(csrf));
		assertThat(form.statusCode()).isEqualTo(429);
		assertThat(form.body()).contains("Too many sign-ups from your address");
		assertThat(token(this.bystander.name(), this.bystander.password()).statusCode()).as("logins are not affected")
			.isEqualTo(200);
	}

	private long passwordChecks() {
		return Mockito.mockingDetails(this.passwordEncoder)
			.getInvocations()
			.stream()
			.map(Invocation::getMethod)
			.filter((method) -> method.getName().equals("matches"))
			.count();
	}

	private HttpResponse<String> token(String name, String password) {
		return this.users.postJson("/api/auth/token", Map.of("username", name, "password", password));
	}

	private String csrfToken(HttpClient browser) throws IOException, InterruptedException {
		String page = browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher hidden = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(hidden.find()).isTrue();
		return hidden.group(1);
	}

	private HttpResponse<String> login(HttpClient browser, String csrf, String name, String password)
			throws IOException, InterruptedException {
		return post(browser, "/login",
				"username=" + encode(name) + "&password=" + encode(password) + "&_csrf=" + encode(csrf));
	}

	private HttpResponse<String> post(HttpClient browser, String path, String form)
			throws IOException, InterruptedException {
		return browser.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
