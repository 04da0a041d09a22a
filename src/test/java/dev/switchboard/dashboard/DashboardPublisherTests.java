package dev.switchboard.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseProperties;
import dev.switchboard.sse.SseStreams;
import dev.switchboard.support.CapturingChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DashboardPublisher} with a capturing broker channel and capturing
 * event streams.
 */
class DashboardPublisherTests {

	private final CapturingChannel broker = new CapturingChannel();

	private final CapturingStreams streams = new CapturingStreams();

	private final StubDashboard sensors = new StubDashboard("sensors", (user) -> true);

	private final StubDashboard broken = new StubDashboard("broken", (user) -> true);

	private final DashboardPublisher publisher = new DashboardPublisher(
			StubDashboard.dashboards(10, this.broken, this.sensors), template(), this.streams,
			JsonMapper.builder().build(), new SingleInstanceElection(),
			new ClusterProperties(false, null, null, null, null));

	@AfterEach
	void tearDown() {
		this.streams.destroy();
	}

	@Test
	void ticksGoToTheTopicOnlyWhileTheBrokerIsAvailable() {
		this.sensors.values.put("load.cpu", 0.5);
		this.publisher.tick("sensors");
		assertThat(this.broker.messages()).isEmpty();

		this.publisher.onBrokerAvailability(new BrokerAvailabilityEvent(true, this));
		this.publisher.tick("sensors");
		Message<?> tick = this.broker.to("/topic/dashboard.sensors").get(0);
		assertThat(new String((byte[]) tick.getPayload(), StandardCharsets.UTF_8))
			.isEqualTo("{\"name\":\"sensors\",\"id\":2,\"ts\":" + ts(tick) + ",\"values\":{\"load.cpu\":0.5}}");

		this.publisher.onBrokerAvailability(new BrokerAvailabilityEvent(false, this));
		this.publisher.tick("sensors");
		assertThat(this.broker.messages()).hasSize(1);
	}

	@Test
	void everyTickGoesToTheEventStreamsAsATickEventWithItsId() {
		this.publisher.tick("sensors");
		this.publisher.tick("sensors");
		assertThat(this.streams.topics).containsOnly("dashboard.sensors");
		assertThat(this.streams.events).extracting(SseEvent::id).containsExactly(1L, 2L);
		assertThat(new String(this.streams.events.get(1).bytes(), StandardCharsets.UTF_8))
			.startsWith("id: 2\nevent: tick\ndata: {\"name\":\"sensors\",\"id\":2,");
	}

	@Test
	void aDashboardThatFailsToSampleDoesNotStopTheOthers() {
		this.broken.failure = new IllegalStateException("sensor offline");
		this.publisher.tickAll();
		assertThat(this.streams.topics).containsExactly("dashboard.sensors");
	}

	@Test
	void tickingAnUnknownDashboardIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.publisher.tick("unknown"));
	}

	private SimpMessagingTemplate template() {
		SimpMessagingTemplate template = new SimpMessagingTemplate(this.broker);
		template.setMessageConverter(new JacksonJsonMessageConverter());
		return template;
	}

	private static String ts(Message<?> tick) {
		String json = new String((byte[]) tick.getPayload(), StandardCharsets.UTF_8);
		return json.replaceAll(".*\"ts\":(\\d+).*", "$1");
	}

	/**
	 * Keeps what is published instead of writing it to streams.
	 */
	static final class CapturingStreams extends SseStreams {

		final List<String> topics = new ArrayList<>();

		final List<SseEvent> events = new ArrayList<>();

		CapturingStreams() {
			super(new SseProperties(10, Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ZERO,
					Duration.ofSeconds(3), 10));
		}

		@Override
		public void publish(String topic, SseEvent event) {
			this.topics.add(topic);
			this.events.add(event);
		}

	}

}
