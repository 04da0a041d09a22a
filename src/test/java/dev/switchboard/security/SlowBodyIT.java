package dev.switchboard.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request bodies sent slowly without a login do not freeze the server: 220 sockets that
 * send {@code POST /api/auth/token} with a body of 1,000 bytes at one byte a second are
 * answered 408 (too slow) or 503 (too many at once) and closed, while pages, token
 * requests and an existing STOMP pair are served.
 */
@SwitchboardTest
class SlowBodyIT {

	private static final int ATTACKERS = 220;

	@LocalServerPort
	int port;

	@Test
	void slowBodiesAreDroppedWhileEveryoneElseIsServed() throws Exception {
		TestUsers users = new TestUsers(this.port);
		TestUser alice = users.create("alice");
		TestUser bob = users.create("bob");
		String room = "slow-" + UUID.randomUUID().toString().substring(0, 8);
		ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
		List<Attacker> attackers = new ArrayList<>();
		try (StompTestClient sender = StompTestClient.connect(this.port, alice.token());
				StompTestClient receiver = StompTestClient.connect(this.port, bob.token())) {
			sender.join(room);
			Inbox inbox = receiver.join(room);
			for (int i = 0; i < ATTACKERS; i++) {
				attackers.add(new Attacker(this.port));
			}
			drip.scheduleAtFixedRate(() -> attackers.forEach(Attacker::drip), 1, 1, TimeUnit.SECONDS);

			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(get(http, "/login").statusCode()).isEqualTo(200));
			sender.send("/app/rooms/" + room + "/messages", Map.of("text", "still here"));
			assertThat(inbox.nextOfType("message")).containsEntry("text", "still here");
			HttpResponse<String> token = users.postJson("/api/auth/token",
					Map.of("username", alice.name(), "password", alice.password()));
			assertThat(token.statusCode()).as("answered at once, served or told to come back").isIn(200, 503);

			await().atMost(Duration.ofSeconds(30)).until(() -> attackers.stream().allMatch(Attacker::isAnswered));
			assertThat(attackers)
				.allSatisfy((attacker) -> assertThat(attacker.answer()).matches("(HTTP/1.1 (408|503) .*|closed)"));
			assertThat(attackers).as("some were read and dropped as too slow")
				.anySatisfy((attacker) -> assertThat(attacker.answer()).startsWith("HTTP/1.1 408"));
			assertThat(users.postJson("/api/auth/token", Map.of("username", alice.name(), "password", alice.password()))
				.statusCode()).isEqualTo(200);
			sender.send("/app/rooms/" + room + "/messages", Map.of("text", "after"));
			assertThat(inbox.nextOfType("message")).containsEntry("text", "after");
		}
		finally {
			drip.shutdownNow();
			for (Attacker attacker : attackers) {
				attacker.close();
			}
		}
	}

	private HttpResponse<String> get(HttpClient http, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A connection that sends its request's headers at once, then its body one byte at a
	 * time, and notes the first line of what comes back (or that it was closed).
	 */
	static final class Attacker {

		private final SocketChannel channel;

		private final StringBuilder received = new StringBuilder();

		private volatile String answer;

		Attacker(int port) throws IOException {
			this.channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
			this.channel.write(ByteBuffer.wrap(("POST /api/auth/token HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
				.getBytes(StandardCharsets.US_ASCII)));
			this.channel.configureBlocking(false);
		}

		synchronized void drip() {
			if (this.answer == null) {
				try {
					this.channel.write(ByteBuffer.wrap(new byte[] { ' ' }));
				}
				catch (IOException ex) {
					this.answer = "closed";
				}
			}
		}

		synchronized boolean isAnswered() {
			if (this.answer != null) {
				return true;
			}
			ByteBuffer buffer = ByteBuffer.allocate(512);
			try {
				int read = this.channel.read(buffer);
				if (read > 0) {
					this.received.append(new String(buffer.array(), 0, read, StandardCharsets.US_ASCII));
					int end = this.received.indexOf("\r\n");
					if (end >= 0) {
						this.answer = this.received.substring(0, end);
					}
				}
				else if (read < 0) {
					this.answer = "closed";
				}
			}
			catch (IOException ex) {
				this.answer = "closed";
			}
			return this.answer != null;
		}

		String answer() {
			return this.answer;
		}

		void close() throws IOException {
			this.channel.close();
		}

	}

}
