package dev.switchboard.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DashboardController}: a hand-built SUBSCRIBE to
 * {@code /app/dashboard/{name}} through a standalone annotation handler, the reply
 * captured on the outbound channel.
 */
class DashboardControllerTests {

	private final CapturingChannel inbound = new CapturingChannel();

	private final CapturingChannel outbound = new CapturingChannel();

	private final CapturingChannel broker = new CapturingChannel();

	private final StubDashboard sensors = new StubDashboard("sensors", (user) -> true);

	private final Dashboards dashboards = StubDashboard.dashboards(10, this.sensors);

	@BeforeEach
	void setUp() {
		SimpMessagingTemplate brokerTemplate = new SimpMessagingTemplate(this.broker);
		brokerTemplate.setMessageConverter(new JacksonJsonMessageConverter());
		TestHandler handler = new TestHandler(this.inbound, this.outbound, brokerTemplate);
		handler.setDestinationPrefixes(List.of("/app"));
		handler.setMessageConverter(new JacksonJsonMessageConverter());
		StaticApplicationContext context = new StaticApplicationContext();
		context.refresh();
		handler.setApplicationContext(context);
		handler.afterPropertiesSet();
		handler.register(new DashboardController(this.dashboards));
		this.inbound.subscribe(handler);
	}

	@Test
	void subscribingAnswersWithTheSnapshotToThatSubscriptionOnly() {
		this.sensors.values.put("load.cpu", 0.25);
		this.dashboards.feed("sensors").tick();
		this.dashboards.feed("sensors").tick();

		this.inbound.send(subscribe("/app/dashboard/sensors"));

		Message<?> reply = this.outbound.single();
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(reply);
		assertThat(headers.getSessionId()).isEqualTo("session-1");
		assertThat(headers.getSubscriptionId()).isEqualTo("sub-7");
		assertThat(headers.getDestination()).isEqualTo("/app/dashboard/sensors");
		String json = new String((byte[]) reply.getPayload(), StandardCharsets.UTF_8);
		assertThat(json).startsWith("{\"name\":\"sensors\",\"title\":\"Stub sensors\",")
			.contains("\"charts\":[{\"key\":\"load\",\"title\":\"Load\",\"unit\":\"%\",\"series\":{}}]")
			.contains("\"historySize\":10")
			.contains("\"id\":1,")
			.contains("\"id\":2,")
			.contains("\"values\":{\"load.cpu\":0.25}");
		assertThat(this.broker.messages()).as("nothing broadcast").isEmpty();
	}

	@Test
	void unknownDashboardGetsNoSnapshot() {
		this.inbound.send(subscribe("/app/dashboard/unknown"));
		assertThat(this.outbound.messages()).isEmpty();
	}

	private static Message<byte[]> subscribe(String destination) {
		return StompMessages.frame(StompCommand.SUBSCRIBE)
			.user("alice")
			.subscription("sub-7")
			.destination(destination)
			.build();
	}

	/**
	 * Registers a controller directly.
	 */
	private static final class TestHandler extends SimpAnnotationMethodMessageHandler {

		TestHandler(CapturingChannel inbound, CapturingChannel outbound, SimpMessagingTemplate brokerTemplate) {
			super(inbound, outbound, brokerTemplate);
		}

		void register(Object controller) {
			detectHandlerMethods(controller);
		}

	}

}
