package dev.switchboard.dashboard;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.RawSseClient;
import dev.switchboard.support.RawStompClient.Frame;
import dev.switchboard.support.RawStompClient;
import dev.switchboard.support.SseTestClient;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers.TestUser;
import dev.switchboard.support.TestUsers;
import dev.switchboard.websocket.WebSocketConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dashboard client that stops reading for a while skips stale ticks instead of
 * buffering them: once it reads again it gets far fewer ticks than were published, and
 * the newest one, while the server and its other clients carry on.
 */
@DashboardTest
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a publisher that blocked on the stalled
												// reader would hang
class DashboardSlowClientIT {

	/** About 700 bytes each: far more than the socket buffers hold. */
	private static final int TICKS = 1000;

	private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	@LocalServerPort
	int port;

	@Autowired
	DashboardPublisher publisher;

	@Autowired
	WebSocketConnections connections;

	@Test
	void stompReaderThatStallsGetsTheNewestTicksOnly() throws Exception {
		TestUsers users = new TestUsers(this.port);
		TestUser slow = users.create("slow");
		TestUser fast = users.create("fast");
		long closesBefore = this.connections.slowConsumerCloses();
		try (RawStompClient stalled = RawStompClient.connect(this.port, slow.token(), 4096);
				StompTestClient healthy = StompTestClient.connect(this.port, fast.token())) {
			stalled.send("SUBSCRIBE", Map.of("id", "ticks", "destination", "/topic/dashboard.bulk"), "");
			stalled.send("SUBSCRIBE", Map.of("id", "snapshot", "destination", "/app/dashboard/bulk"), "");
			while (!"snapshot".equals(stalled.readFrame().headers().get("subscription"))) {
				// ticks before the snapshot
			}
			Inbox healthyTicks = healthy.subscribe("/topic/dashboard.bulk");
			healthy.subscribe("/app/dashboard/bulk").next();

			// From here on the stalled client reads nothing until every tick is out.
			long last = publishTicks();
			assertThat(healthyTicks.nextMatching((tick) -> ((Number) tick.get("id")).longValue() >= last))
				.as("a client that reads gets the newest tick")
				.isNotNull();

			int received = 0;
			long newest = 0;
			while (newest < last) {
				Frame frame = stalled.readFrame();
				assertThat(frame.command()).as("the stalled client stays connected").isEqualTo("MESSAGE");
				if ("ticks".equals(frame.headers().get("subscription"))) {
					long id = id(frame.body());
					assertThat(id).as("ticks in order").isGreaterThan(newest);
					newest = id;
					received++;
				}
			}
			assertThat(received).as("ticks received of " + TICKS + " published").isLessThan(TICKS / 4);
			assertThat(this.connections.slowConsumerCloses()).isEqualTo(closesBefore);
		}
	}

	@Test
	void sseReaderThatStallsGetsTheNewestTicksOnly() throws Exception {
		TestUsers users = new TestUsers(this.port);
		TestUser slow = users.create("slow");
		try (RawSseClient stalled = RawSseClient.open(this.port, "/api/dashboard/bulk/stream", slow.token(), 4096)) {
			assertThat(stalled.nextEvent()[1]).isEqualTo("snapshot");

			long last = publishTicks();
			try (SseTestClient healthy = SseTestClient.open(this.port, "/api/dashboard/bulk/stream",
					users.create("fast").token(), null)) {
				assertThat(healthy.next("snapshot").longId()).as("the server still answers")
					.isGreaterThanOrEqualTo(last);
			}

			int received = 0;
			long newest = 0;
			while (newest < last) {
				String[] event = stalled.nextEvent();
				assertThat(event).as("the stream stays open").isNotNull();
				long id = Long.parseLong(event[0]);
				assertThat(id).as("ticks in order").isGreaterThan(newest);
				newest = id;
				received++;
			}
			assertThat(received).as("ticks received of " + TICKS + " published").isLessThan(TICKS / 4);
		}
	}

	/**
	 * Publish the ticks as fast as possible, besides the scheduled ones.
	 * @return the id of the last one
	 */
	private long publishTicks() {
		long last = 0;
		for (int i = 0; i < TICKS; i++) {
			last = this.publisher.tick(BulkDashboard.NAME).id();
		}
		return last;
	}

	private static long id(String body) {
		Matcher matcher = ID.matcher(body);
		assertThat(matcher.find()).as(body).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}
