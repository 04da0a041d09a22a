package dev.switchboard.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.support.Cluster;
import dev.switchboard.support.Inbox;
import dev.switchboard.support.SseTestClient;
import dev.switchboard.support.SseTestClient.Event;
import dev.switchboard.support.StompTestClient;
import dev.switchboard.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one RabbitMQ and one PostgreSQL: one publishes a dashboard, and a
 * STOMP subscriber on one instance and an event stream on the other see the same ticks,
 * once each, in order; when the publishing instance stops, the other takes over and ids
 * keep increasing; a client resuming on the remaining instance gets what it missed.
 */
class DashboardClusterIT {

	private static final int TICKS = 5;

	private final String name = "it-" + UUID.randomUUID().toString().substring(0, 8);

	private Cluster cluster;

	@BeforeEach
	void startCluster() {
		this.cluster = Cluster.create();
	}

	@AfterEach
	void stopCluster() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void everyInstanceShowsOneStreamOfTicksThatSurvivesThePublisherStopping() {
		int portA = this.cluster.start(args());
		String token = new TestUsers(portA).create("watcher").token();
		String stream = "/api/dashboard/" + this.name + "/stream";
		List<Long> fromA;
		int portB;
		try (StompTestClient stomp = StompTestClient.connectWithReceipts(portA, token)) {
			Inbox onA = stomp.subscribeConfirmed("/topic/dashboard." + this.name);
			assertThat((String) onA.next().get("source")).as("the only instance publishes").endsWith(":" + portA);

			portB = this.cluster.start(args());
			try (SseTestClient onB = SseTestClient.open(portB, stream, token, null)) {
				onB.next("snapshot");
				fromA = new ArrayList<>();
				for (int i = 0; i < TICKS; i++) {
					Event tick = onB.next("tick");
					assertThat((String) tick.json().get("source")).as("A keeps publishing").endsWith(":" + portA);
					fromA.add(tick.longId());
				}
				assertThat(fromA).as("strictly increasing").isSorted().doesNotHaveDuplicates();
				List<Long> overStomp = stompIdsUpTo(onA, fromA.get(TICKS - 1));
				assertThat(overStomp).as("strictly increasing over STOMP").isSorted().doesNotHaveDuplicates();
				assertThat(overStomp.stream().filter((id) -> id >= fromA.get(0)).toList())
					.as("the same ticks over STOMP on A")
					.containsExactlyElementsOf(fromA);
			}
		}

		this.cluster.stop(0);
		try (SseTestClient onB = SseTestClient.open(portB, stream, token, Long.toString(fromA.get(0)))) {
			Event snapshot = onB.next("snapshot");
			assertThat(ids(snapshot)).as("what A published, kept by B for clients resuming there")
				.containsSubsequence(fromA);
			List<Long> fromB = new ArrayList<>();
			while (fromB.size() < TICKS) {
				Event tick = onB.next("tick");
				assertThat(tick.longId())
					.isGreaterThan(fromB.isEmpty() ? snapshot.longId() : fromB.get(fromB.size() - 1));
				if (((String) tick.json().get("source")).endsWith(":" + portB)) {
					fromB.add(tick.longId());
				}
			}
			assertThat(fromB.get(0)).as("B took over with higher ids").isGreaterThan(fromA.get(TICKS - 1));
		}
	}

	private static List<Long> stompIdsUpTo(Inbox inbox, long last) {
		List<Long> ids = new ArrayList<>();
		long id;
		do {
			id = ((Number) inbox.next().get("id")).longValue();
			ids.add(id);
		}
		while (id < last);
		return ids;
	}

	@SuppressWarnings("unchecked")
	private static List<Long> ids(Event snapshot) {
		return ((List<Map<String, Object>>) snapshot.json().get("ticks")).stream()
			.map((tick) -> ((Number) tick.get("id")).longValue())
			.toList();
	}

	private String[] args() {
		return new String[] { "--spring.main.sources=" + UniqueDashboard.class.getName(),
				"--test.dashboard.name=" + this.name, "--switchboard.dashboard.tick-period=200ms" };
	}

}
