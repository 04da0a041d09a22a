package dev.switchboard.dashboard;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.switchboard.support.SseTestClient;
import dev.switchboard.support.SseTestClient.Event;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dashboards as Server-Sent Events, read line by line: the snapshot first, then ticks
 * with increasing ids; resuming with {@code Last-Event-ID}; who may see which.
 */
@DashboardTest
class DashboardSseIT {

	private static final String SENSORS = "/api/dashboard/sensors/stream";

	@LocalServerPort
	int port;

	@Autowired
	DashboardPublisher publisher;

	@Test
	@SuppressWarnings("unchecked")
	void streamSendsTheSnapshotThenTicksWithIds() {
		TestUser user = new TestUsers(this.port).create("reader");
		this.publisher.tick("sensors");
		try (SseTestClient stream = SseTestClient.open(this.port, SENSORS, user.token(), null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.response().headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			Event first = stream.next();
			assertThat(first.name()).isEqualTo("snapshot");
			Map<String, Object> snapshot = first.json();
			assertThat(snapshot).containsEntry("name", "sensors");
			List<Map<String, Object>> history = (List<Map<String, Object>>) snapshot.get("ticks");
			assertThat(history).isNotEmpty();
			assertThat(first.longId()).isEqualTo(((Number) history.get(history.size() - 1).get("id")).longValue());

			long previous = first.longId();
			for (int i = 0; i < 3; i++) {
				Event tick = stream.next();
				assertThat(tick.name()).isEqualTo("tick");
				assertThat(tick.longId()).isGreaterThan(previous);
				assertThat(((Number) tick.json().get("id")).longValue()).isEqualTo(tick.longId());
				assertThat((Map<String, Object>) tick.json().get("values")).containsKey("temperature.outside");
				previous = tick.longId();
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void clientResumingWithLastEventIdGetsWhatItMissedThenNewerTicks() {
		TestUser user = new TestUsers(this.port).create("resumer");
		long seen;
		try (SseTestClient stream = SseTestClient.open(this.port, SENSORS, user.token(), null)) {
			stream.next("snapshot");
			seen = stream.next("tick").longId();
		}
		long missed = this.publisher.tick("sensors").id();
		assertThat(missed).isGreaterThan(seen);

		try (SseTestClient stream = SseTestClient.open(this.port, SENSORS, user.token(), Long.toString(seen))) {
			Event snapshot = stream.next();
			assertThat(snapshot.name()).isEqualTo("snapshot");
			assertThat(snapshot.longId()).isGreaterThanOrEqualTo(missed);
			List<Object> ids = ((List<Map<String, Object>>) snapshot.json().get("ticks")).stream()
				.map((tick) -> (Object) ((Number) tick.get("id")).longValue())
				.toList();
			assertThat(ids).as("the ticks missed while away").contains(seen + 1, missed);
			Event next = stream.next();
			assertThat(next.name()).isEqualTo("tick");
			assertThat(next.longId()).isGreaterThan(snapshot.longId());
		}
	}

	@Test
	void operationsStreamIsForbiddenToAUserAndOpenToTheAdmin() {
		TestUsers users = new TestUsers(this.port);
		HttpResponse<String> refused = SseTestClient.refused(this.port, "/api/dashboard/ops/stream",
				users.create("nosy").token());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(json(refused.body())).containsEntry("code", "forbidden")
			.containsEntry("destination", "/api/dashboard/ops/stream")
			.containsKey("message");

		try (SseTestClient stream = SseTestClient.open(this.port, "/api/dashboard/ops/stream", users.adminToken(),
				null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.next().name()).isEqualTo("snapshot");
			assertThat(stream.next().name()).isEqualTo("tick");
		}
	}

	@Test
	void unknownDashboardIsNotFoundAndAnonymousIsUnauthorized() {
		HttpResponse<String> unknown = SseTestClient.refused(this.port, "/api/dashboard/nothing/stream",
				new TestUsers(this.port).create("lost").token());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown.body())).containsEntry("code", "dashboard-not-found");
		assertThat(SseTestClient.refused(this.port, SENSORS, null).statusCode()).isEqualTo(401);
	}

	private static Map<String, Object> json(String body) {
		return JsonMapper.builder().build().readValue(body, new TypeReference<Map<String, Object>>() {
		});
	}

}
