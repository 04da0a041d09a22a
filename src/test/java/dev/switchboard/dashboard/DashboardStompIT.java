package dev.switchboard.dashboard;

import java.util.List;
import java.util.Map;

import dev.switchboard.support.Inbox;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import dev.switchboard.support.TestUsers.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dashboards over STOMP with real clients: the snapshot on subscribe, then ticks; who may
 * see which dashboard.
 */
@DashboardTest
class DashboardStompIT {

	@LocalServerPort
	int port;

	@Autowired
	DashboardPublisher publisher;

	@Test
	@SuppressWarnings("unchecked")
	void subscriberGetsTheSnapshotAtOnceThenNewerTicks() {
		TestUser user = new TestUsers(this.port).create("viewer");
		this.publisher.tick("sensors");
		try (StompTestClient client = StompTestClient.connect(this.port, user.token())) {
			Inbox ticks = client.subscribe("/topic/dashboard.sensors");
			Map<String, Object> snapshot = client.subscribe("/app/dashboard/sensors").next();

			assertThat(snapshot).containsEntry("name", "sensors").containsEntry("title", "Greenhouse sensors");
			assertThat((List<Map<String, Object>>) snapshot.get("charts")).extracting((chart) -> chart.get("key"))
				.containsExactly("temperature", "humidity", "co2");
			List<Map<String, Object>> history = (List<Map<String, Object>>) snapshot.get("ticks");
			assertThat(history).isNotEmpty();
			assertThat(history).extracting((tick) -> ((Number) tick.get("id")).longValue()).isSorted();
			long lastId = ((Number) history.get(history.size() - 1).get("id")).longValue();

			// The topic subscription began before the snapshot was taken: ticks the
			// snapshot holds may come again, and a client skips them by id.
			long previous = lastId;
			for (int i = 0; i < 3; i++) {
				Map<String, Object> tick = ticks.nextMatching((next) -> ((Number) next.get("id")).longValue() > lastId);
				long id = ((Number) tick.get("id")).longValue();
				assertThat(id).isGreaterThan(previous);
				previous = id;
				assertThat(tick).containsEntry("name", "sensors").containsKey("ts");
				assertThat((Map<String, Object>) tick.get("values")).containsKeys("temperature.greenhouse",
						"humidity.greenhouse", "co2.greenhouse");
			}
		}
	}

	@Test
	void operationsDashboardIsRefusedToAUserWithAnErrorFrame() {
		TestUser user = new TestUsers(this.port).create("nosy");
		for (String destination : new String[] { "/topic/dashboard.ops", "/app/dashboard/ops" }) {
			try (StompTestClient client = StompTestClient.connect(this.port, user.token())) {
				client.subscribe(destination);
				assertThat(client.awaitError().getFirst("message")).contains("may not subscribe to " + destination);
			}
		}
	}

	@Test
	void unknownDashboardIsRefused() {
		TestUser user = new TestUsers(this.port).create("lost");
		try (StompTestClient client = StompTestClient.connect(this.port, user.token())) {
			client.subscribe("/app/dashboard/nothing-here");
			assertThat(client.awaitError().getFirst("message")).contains("/app/dashboard/nothing-here");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void adminSeesTheOperationsDashboardWithLiveServerState() {
		String admin = new TestUsers(this.port).adminToken();
		try (StompTestClient client = StompTestClient.connect(this.port, admin)) {
			Inbox ticks = client.subscribe("/topic/dashboard.ops");
			Map<String, Object> snapshot = client.subscribe("/app/dashboard/ops").next();
			assertThat((List<Map<String, Object>>) snapshot.get("charts")).extracting((chart) -> chart.get("key"))
				.contains("connections", "stomp", "rooms", "latency", "slow", "heap", "cpu", "gc");

			Map<String, Object> values = (Map<String, Object>) ticks
				.nextMatching((tick) -> ((Map<String, Object>) tick.get("values")).containsKey("stomp.out"))
				.get("values");
			assertThat(((Number) values.get("connections.websocket")).doubleValue()).isGreaterThanOrEqualTo(1);
			assertThat(((Number) values.get("heap.used")).doubleValue()).isPositive();
			assertThat(values).containsKeys("stomp.in", "cpu.process", "gc.pause", "slow.closes", "latency.mean");
		}
	}

}
