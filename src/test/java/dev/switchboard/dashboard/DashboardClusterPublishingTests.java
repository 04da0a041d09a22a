package dev.switchboard.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.switchboard.cluster.ClusterConnection;
import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.dashboard.DashboardPublisherTests.CapturingStreams;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.support.CapturingChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DashboardPublisher} and {@link DashboardClusterListener} in a cluster:
 * two instances, a leader and a follower, each with a stub election, a capturing broker
 * channel and capturing event streams; what the leader sends to the broker is handed to
 * the follower's listener as the broker would.
 */
class DashboardClusterPublishingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Instance leader = new Instance();

	private final Instance follower = new Instance();

	@BeforeEach
	void elect() {
		this.leader.election.leading = true;
		this.leader.sensors.values.put("load.cpu", 0.5);
		this.follower.sensors.values.put("load.cpu", 0.9);
	}

	@AfterEach
	void tearDown() {
		this.leader.streams.destroy();
		this.follower.streams.destroy();
	}

	@Test
	void followerSamplesButPublishesNothing() {
		this.follower.publisher.tickAll();
		assertThat(this.follower.sensors.samples).as("state kept current for a takeover").isEqualTo(1);
		assertThat(this.follower.broker.messages()).isEmpty();
		assertThat(this.follower.streams.events).isEmpty();
		assertThat(this.follower.dashboards.snapshot("sensors").ticks()).isEmpty();
		assertThat(this.follower.publisher.tick("sensors")).as("no tick of its own").isNull();
		assertThat(this.follower.broker.messages()).isEmpty();
	}

	@Test
	void leaderTicksAreNumberedFromTheClockAndNameTheirSource() {
		long before = System.currentTimeMillis();
		this.leader.publisher.tickAll();
		this.leader.publisher.tickAll();
		Map<String, Object> first = json(this.leader.broker.to("/topic/dashboard.sensors").get(0));
		Map<String, Object> second = json(this.leader.broker.to("/topic/dashboard.sensors").get(1));
		assertThat(((Number) first.get("id")).longValue()).isGreaterThanOrEqualTo(before);
		assertThat(((Number) second.get("id")).longValue()).isGreaterThan(((Number) first.get("id")).longValue());
		assertThat((String) first.get("source")).isNotBlank();
		assertThat(this.leader.streams.events).extracting(SseEvent::id)
			.containsExactly(((Number) first.get("id")).longValue(), ((Number) second.get("id")).longValue());
	}

	@Test
	void followerKeepsRelayedTicksForItsSnapshotAndStreamsOnceEach() {
		this.leader.publisher.tickAll();
		Message<?> relayed = this.leader.broker.to(DashboardPublisher.CLUSTER_TICKS).get(0);
		assertThat(json(relayed)).isEqualTo(json(this.leader.broker.to("/topic/dashboard.sensors").get(0)));
		this.follower.listener.handleMessage(relayed);
		this.follower.listener.handleMessage(relayed);

		long id = ((Number) json(relayed).get("id")).longValue();
		assertThat(this.follower.dashboards.snapshot("sensors").ticks()).singleElement().satisfies((tick) -> {
			assertThat(tick.id()).isEqualTo(id);
			assertThat(tick.values()).containsEntry("load.cpu", 0.5);
		});
		assertThat(this.follower.streams.events).extracting(SseEvent::id).as("not twice").containsExactly(id);
		assertThat(new String(this.follower.streams.events.get(0).bytes(), StandardCharsets.UTF_8))
			.contains("\"source\":");
	}

	@Test
	void leaderIgnoresItsOwnTicksComingBackAndOlderOnes() {
		this.leader.publisher.tickAll();
		Message<?> own = this.leader.broker.to(DashboardPublisher.CLUSTER_TICKS).get(0);
		this.leader.listener.handleMessage(own);
		this.leader.publisher.receive(new DashboardTick("sensors", 1, 1, Map.of(), "elsewhere"));
		assertThat(this.leader.streams.events).hasSize(1);
		assertThat(this.leader.dashboards.snapshot("sensors").ticks()).hasSize(1);
	}

	@Test
	void newLeaderContinuesAboveTheHighestIdSeen() {
		long future = System.currentTimeMillis() + 3_600_000;
		this.follower.publisher.receive(new DashboardTick("sensors", future, future, Map.of(), "old-leader"));
		this.follower.election.leading = true;
		this.follower.publisher.tickAll();
		assertThat(this.follower.dashboards.snapshot("sensors").lastId()).isEqualTo(future + 1);
		assertThat(json(this.follower.broker.to("/topic/dashboard.sensors").get(0))).containsEntry("values",
				Map.of("load.cpu", 0.9));
	}

	@Test
	void leaderResignsWhileItsConnectionToRabbitMqIsDown() {
		this.leader.publisher.onClusterConnection(new ClusterConnection(false));
		this.leader.publisher.tickAll();
		assertThat(this.leader.election.resignations).isEqualTo(1);
		assertThat(this.leader.streams.events).isEmpty();
		assertThat(this.leader.publisher.tick("sensors")).isNull();
	}

	@Test
	void unreadableOrUnknownTicksAreIgnored() {
		this.follower.listener.handleMessage(new GenericMessage<>("not json".getBytes(StandardCharsets.UTF_8)));
		this.follower.publisher.receive(new DashboardTick("unknown", 5, 5, Map.of(), "elsewhere"));
		assertThat(this.follower.streams.events).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(Message<?> message) {
		return JSON.readValue((byte[]) message.getPayload(), Map.class);
	}

	/**
	 * One instance of the cluster, its broker available.
	 */
	private static final class Instance {

		final StubElection election = new StubElection();

		final CapturingChannel broker = new CapturingChannel();

		final CapturingStreams streams = new CapturingStreams();

		final StubDashboard sensors = new StubDashboard("sensors", (user) -> true);

		final Dashboards dashboards = StubDashboard.dashboards(10, this.sensors);

		final DashboardPublisher publisher = new DashboardPublisher(this.dashboards, template(this.broker),
				this.streams, JSON, this.election, new ClusterProperties(true, null, null, null, null));

		final DashboardClusterListener listener = new DashboardClusterListener(this.publisher, JSON);

		Instance() {
			this.publisher.onBrokerAvailability(new BrokerAvailabilityEvent(true, this));
			this.publisher.onClusterConnection(new ClusterConnection(true));
		}

		private static SimpMessagingTemplate template(CapturingChannel broker) {
			SimpMessagingTemplate template = new SimpMessagingTemplate(broker);
			template.setMessageConverter(new JacksonJsonMessageConverter());
			return template;
		}

	}

}
