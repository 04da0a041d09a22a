package dev.switchboard.dashboard;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.switchboard.sse.SseStreams;
import dev.switchboard.support.SseTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One user cannot take every event stream: past the default of 10 open streams each
 * further one of that user is refused with 429 and the API's error shape, while other
 * users still get streams.
 */
@SwitchboardTest
class DashboardStreamPerUserLimitIT {

	private static final String PATH = "/api/dashboard/sensors/stream";

	private static final int PER_USER = 10;

	@LocalServerPort
	int port;

	@Autowired
	SseStreams streams;

	@Test
	void oneUsersFloodOfStreamsIsRefusedWith429AndOthersAreStillServed() {
		TestUsers users = new TestUsers(this.port);
		TestUser greedy = users.create("greedy");
		TestUser other = users.create("other");
		List<SseTestClient> open = new ArrayList<>();
		try {
			for (int i = 0; i < PER_USER; i++) {
				SseTestClient stream = SseTestClient.open(this.port, PATH, greedy.token(), null);
				open.add(stream);
				assertThat(stream.next().name()).isEqualTo("snapshot");
			}
			List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				flood.add(CompletableFuture.supplyAsync(() -> SseTestClient.refused(this.port, PATH, greedy.token())));
			}
			for (CompletableFuture<HttpResponse<String>> attempt : flood) {
				HttpResponse<String> refused = attempt.join();
				assertThat(refused.statusCode()).isEqualTo(429);
				assertThat(refused.body()).contains("\"code\":\"too-many-user-streams\"")
					.contains("\"destination\":\"" + PATH + "\"")
					.contains("\"message\":");
			}
			assertThat(this.streams.count(greedy.name())).isEqualTo(PER_USER);
			try (SseTestClient others = SseTestClient.open(this.port, PATH, other.token(), null)) {
				assertThat(others.status()).isEqualTo(200);
				assertThat(others.next().name()).isEqualTo("snapshot");
			}
			open.remove(0).close();
			// The server notices a closed stream on its next write (a tick or a
			// heart-beat).
			await().until(() -> this.streams.count(greedy.name()) < PER_USER);
			try (SseTestClient again = SseTestClient.open(this.port, PATH, greedy.token(), null)) {
				assertThat(again.status()).isEqualTo(200);
			}
		}
		finally {
			open.forEach(SseTestClient::close);
		}
	}

}
