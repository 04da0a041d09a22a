package dev.switchboard.dashboard;

import java.net.http.HttpResponse;

import dev.switchboard.sse.SseStreams;
import dev.switchboard.support.SseTestClient;
import dev.switchboard.support.SwitchboardTest;
import dev.switchboard.support.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The number of open event streams is bounded: one more is refused with 503 and the error
 * shape of the API, until a stream closes.
 */
@SwitchboardTest(properties = { "switchboard.sse.max-streams=2", "switchboard.dashboard.tick-period=100ms" })
class DashboardStreamLimitIT {

	private static final String PATH = "/api/dashboard/sensors/stream";

	@LocalServerPort
	int port;

	@Autowired
	SseStreams streams;

	@Test
	void streamOverTheLimitIsRefusedWith503UntilOneCloses() {
		String token = new TestUsers(this.port).create("streamer").token();
		try (SseTestClient first = SseTestClient.open(this.port, PATH, token, null);
				SseTestClient second = SseTestClient.open(this.port, PATH, token, null)) {
			assertThat(first.next().name()).isEqualTo("snapshot");
			assertThat(second.next().name()).isEqualTo("snapshot");

			HttpResponse<String> refused = SseTestClient.refused(this.port, PATH, token);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(refused.body()).contains("\"code\":\"too-many-streams\"")
				.contains("\"destination\":\"" + PATH + "\"")
				.contains("\"message\":");
		}
		// The server notices closed streams on their next write (ticks every 100 ms).
		await().until(() -> this.streams.count() == 0);
		try (SseTestClient again = SseTestClient.open(this.port, PATH, token, null)) {
			assertThat(again.status()).isEqualTo(200);
			assertThat(again.next().name()).isEqualTo("snapshot");
		}
	}

}
