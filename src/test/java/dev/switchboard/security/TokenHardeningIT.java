package dev.switchboard.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens without an expiry are refused; refusals of bad tokens say "invalid token" and
 * nothing the decoder found; pages carry a Content-Security-Policy, a Referrer-Policy and
 * the frame and content-type headers.
 */
@SwitchboardTest
class TokenHardeningIT {

	@LocalServerPort
	int port;

	@Value("${switchboard.auth.token-secret}")
	String secret;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aTokenWithoutExpiryIsRefusedOnTheApiAndOnConnect() throws Exception {
		TestUser alice = new TestUsers(this.port).create("noexp");
		String forever = sign(JwtClaimsSet.builder().subject(alice.name()).claim("roles", List.of("USER")).build());
		String expiring = sign(JwtClaimsSet.builder()
			.subject(alice.name())
			.expiresAt(Instant.now().plusSeconds(60))
			.claim("roles", List.of("USER"))
			.build());

		assertThat(get("/api/rooms", forever).statusCode()).isEqualTo(401);
		assertThat(connectRefusal(forever)).isEqualTo("invalid token");
		assertThat(get("/api/rooms", expiring).statusCode()).as("the same key, with exp").isEqualTo(200);
		try (StompTestClient client = StompTestClient.connect(this.port, expiring)) {
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void badTokensAreRefusedAsInvalidWithoutTheDecodersWords() throws Exception {
		for (String token : List.of("not-a-token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
				"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6NDEwMjQ0NDgwMH0.c2lnbmF0dXJl")) {
			HttpResponse<String> api = get("/api/rooms", token);
			assertThat(api.statusCode()).isEqualTo(401);
			assertThat(api.body()).contains("\"code\":\"invalid-token\"").contains("\"message\":\"invalid token\"");
			assertThat(api.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");
			assertThat(api.body() + api.headers().map()).doesNotContainIgnoringCase("decode")
				.doesNotContainIgnoringCase("jwt")
				.doesNotContainIgnoringCase("malformed");
			assertThat(connectRefusal(token)).isEqualTo("invalid token");
		}
		TestUser bob = new TestUsers(this.port).create("served");
		assertThat(get("/api/rooms", bob.token()).statusCode()).as("a valid token still works").isEqualTo(200);
	}

	@Test
	void pagesAllowOnlyTheirOwnScriptsAndKeepTheHardeningHeaders() throws Exception {
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("default-src 'self'")
			.contains("style-src 'self';")
			.contains("object-src 'none'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval");
		Matcher nonce = Pattern.compile("script-src 'self' 'nonce-([^']+)'").matcher(policy);
		assertThat(nonce.find()).isTrue();
		assertThat(page.body()).contains("<script type=\"importmap\" nonce=\"" + nonce.group(1) + "\">");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

		HttpResponse<String> again = this.http.send(HttpRequest.newBuilder(uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(again.headers().firstValue("Content-Security-Policy").orElseThrow()).as("a new nonce for each page")
			.isNotEqualTo(policy);
	}

	private String connectRefusal(String token) {
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token);
		return StompTestClient.refused(this.port, new WebSocketHttpHeaders(), connect);
	}

	private String sign(JwtClaimsSet claims) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(TokenConfig.key(this.secret)));
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
