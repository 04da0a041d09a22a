package dev.switchboard.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs up users with unique names through the HTTP API and logs them in, as a program
 * (access token) or as a browser (session cookie and CSRF token).
 */
public final class TestUsers {

	/** The administrator's name, from test.properties. */
	public static final String ADMIN = "ops_admin";

	/** The administrator's password, from test.properties. */
	public static final String ADMIN_PASSWORD = "ops-admin-password";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("data-csrf-token=\"([^\"]+)\"");

	private final int port;

	private final HttpClient http = HttpClient.newHttpClient();

	public TestUsers(int port) {
		this.port = port;
	}

	/**
	 * Sign up a user whose name starts with the given prefix, and get a token.
	 */
	public TestUser create(String prefix) {
		String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
		String password = "password-" + name;
		HttpResponse<String> signup = postJson("/api/auth/signup", Map.of("username", name, "password", password));
		assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
		HttpResponse<String> token = postJson("/api/auth/token", Map.of("username", name, "password", password));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		String value = (String) JSON.readValue(token.body(), new TypeReference<Map<String, Object>>() {
		}).get("token");
		return new TestUser(name, password, value);
	}

	/**
	 * Get a token for an existing user, such as the administrator of test.properties.
	 */
	public String token(String name, String password) {
		HttpResponse<String> token = postJson("/api/auth/token", Map.of("username", name, "password", password));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return (String) JSON.readValue(token.body(), new TypeReference<Map<String, Object>>() {
		}).get("token");
	}

	/**
	 * A token of the administrator that test.properties configures.
	 */
	public String adminToken() {
		return token(ADMIN, ADMIN_PASSWORD);
	}

	/**
	 * Log in through the login form, as a browser does.
	 * @return the session cookie and the CSRF token the chat page carries
	 */
	public BrowserSession login(TestUser user) {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String loginPage = get(browser, "/login").body();
		Matcher hidden = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(hidden.find()).as("login form has a CSRF field").isTrue();
		String form = "username=" + encode(user.name()) + "&password=" + encode(user.password()) + "&_csrf="
				+ encode(hidden.group(1));
		send(browser,
				HttpRequest.newBuilder(uri("/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build());
		HttpResponse<String> chat = get(browser, "/chat");
		assertThat(chat.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(chat.body());
		assertThat(csrf.find()).as("chat page carries a CSRF token").isTrue();
		String cookie = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
			.getCookies()
			.stream()
			.filter((candidate) -> candidate.getName().equals("SESSION"))
			.map((candidate) -> candidate.getName() + "=" + candidate.getValue())
			.findFirst()
			.orElseThrow();
		return new BrowserSession(cookie, csrf.group(1));
	}

	public HttpResponse<String> postJson(String path, Object body) {
		return send(this.http,
				HttpRequest.newBuilder(uri(path))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
					.build());
	}

	public HttpResponse<String> get(String path, String token) {
		return send(this.http, HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build());
	}

	private HttpResponse<String> get(HttpClient client, String path) {
		return send(client, HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A signed-up user with an access token.
	 *
	 * @param name the user name
	 * @param password the password
	 * @param token an access token
	 */
	public record TestUser(String name, String password, String token) {
	}

	/**
	 * A logged-in browser session.
	 *
	 * @param cookie the session cookie, {@code SESSION=…}
	 * @param csrfToken the CSRF token of the session's pages
	 */
	public record BrowserSession(String cookie, String csrfToken) {
	}

}
