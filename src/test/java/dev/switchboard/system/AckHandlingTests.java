package dev.switchboard.system;

import java.util.List;

import dev.switchboard.support.CapturingChannel;
import dev.switchboard.support.StompMessages;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.StaticApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.web.socket.messaging.WebSocketAnnotationMethodMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.stereotype.Controller;
import org.springframework.validation.beanvalidation.OptionalValidatorFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledgements and error replies for {@code @MessageMapping} methods, with hand-built
 * SEND frames through an annotation method handler.
 */
class AckHandlingTests {

	private final CapturingChannel broker = new CapturingChannel();

	private final ExecutorSubscribableChannel inbound = new ExecutorSubscribableChannel();

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void setUp() {
		SimpMessagingTemplate template = new SimpMessagingTemplate(this.broker);
		template.setMessageConverter(new JacksonJsonMessageConverter());
		AckInterceptor acks = new AckInterceptor(new Replies(template, this.json));

		StaticApplicationContext context = new StaticApplicationContext();
		context.registerBean(EchoController.class);
		context.registerBean(MessagingErrorAdvice.class, () -> new MessagingErrorAdvice(acks));
		context.refresh();

		WebSocketAnnotationMethodMessageHandler handler = new WebSocketAnnotationMethodMessageHandler(this.inbound,
				new CapturingChannel(), template);
		handler.setDestinationPrefixes(List.of("/app"));
		handler.setMessageConverter(new JacksonJsonMessageConverter());
		handler.setCustomReturnValueHandlers(List.of(new AckReturnValueHandler(acks)));
		OptionalValidatorFactoryBean validator = new OptionalValidatorFactoryBean();
		validator.afterPropertiesSet();
		handler.setValidator(validator);
		handler.setApplicationContext(context);
		handler.afterPropertiesSet();
		this.inbound.addInterceptor(acks);
		this.inbound.subscribe(handler);
	}

	@Test
	void returnValueBecomesTheAcknowledgement() {
		send("/app/echo/lobby", "{\"text\":\"hi\"}", "a-1");
		assertThat(only("/user/alice/queue/acks"))
			.isEqualTo("{\"ackId\":\"a-1\",\"ok\":true,\"room\":\"lobby\",\"text\":\"hi\"}");
		assertThat(SimpMessageHeaderAccessor.getSessionId(this.broker.single().getHeaders())).isEqualTo("session-1");
	}

	@Test
	void voidMethodIsAcknowledgedWithoutData() {
		send("/app/quiet", "{}", "a-2");
		assertThat(only("/user/alice/queue/acks")).isEqualTo("{\"ackId\":\"a-2\",\"ok\":true}");
	}

	@Test
	void noAckIdNoAcknowledgement() {
		send("/app/echo/lobby", "{\"text\":\"hi\"}", null);
		assertThat(this.broker.messages()).isEmpty();
	}

	@Test
	void clientErrorGivesAnErrorReplyAndANegativeAcknowledgement() {
		send("/app/fail", "{}", "a-3");
		assertThat(only("/user/alice/queue/errors")).isEqualTo(
				"{\"code\":\"no-way\",\"message\":\"Not today\",\"destination\":\"/app/fail\",\"ackId\":\"a-3\"}");
		assertThat(only("/user/alice/queue/acks"))
			.isEqualTo("{\"ackId\":\"a-3\",\"ok\":false,\"code\":\"no-way\",\"message\":\"Not today\"}");
	}

	@Test
	void malformedJsonIsABadRequest() {
		send("/app/echo/lobby", "{\"text\":", null);
		assertThat(only("/user/alice/queue/errors")).contains("\"code\":\"bad-request\"");
	}

	@Test
	void invalidPayloadNamesTheField() {
		send("/app/echo/lobby", "{\"text\":\"\"}", null);
		assertThat(only("/user/alice/queue/errors")).contains("\"code\":\"bad-request\"").contains("text");
	}

	@Test
	void unexpectedFailureIsReportedAsInternal() {
		send("/app/crash", "{}", "a-4");
		assertThat(only("/user/alice/queue/errors")).contains("\"code\":\"internal\"").doesNotContain("boom");
	}

	private void send(String destination, String json, String ackId) {
		StompMessages.Builder frame = StompMessages.frame(StompCommand.SEND).user("alice").destination(destination);
		if (ackId != null) {
			frame.header(Replies.ACK_ID_HEADER, ackId);
		}
		this.inbound.send(frame.json(json).build());
	}

	private String only(String destination) {
		List<Message<?>> messages = this.broker.to(destination);
		assertThat(messages).hasSize(1);
		return new String((byte[]) messages.get(0).getPayload());
	}

	@Controller
	static class EchoController {

		@MessageMapping("/echo/{room}")
		Echo echo(@DestinationVariable String room, @Valid @Payload Text text) {
			return new Echo(room, text.text());
		}

		@MessageMapping("/quiet")
		void quiet() {
		}

		@MessageMapping("/fail")
		void fail() {
			throw new ClientErrorException("no-way", "Not today");
		}

		@MessageMapping("/crash")
		void crash() {
			throw new IllegalStateException("boom");
		}

	}

	record Text(@NotBlank String text) {
	}

	record Echo(String room, String text) {
	}

}
