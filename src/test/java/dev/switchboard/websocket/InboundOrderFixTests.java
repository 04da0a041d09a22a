package dev.switchboard.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InboundOrderFix}: a connection's next frame is handled only after
 * every interceptor is done with the previous one, as when Spring sets up the client
 * inbound channel with inbound order preserved.
 */
class InboundOrderFixTests {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();

	private final OrderedMessageChannelDecorator connection = new OrderedMessageChannelDecorator(this.channel,
			LogFactory.getLog(InboundOrderFixTests.class));

	@Test
	void withTheFixTheNextFrameWaitsForEveryInterceptor() {
		channelAsSpringBuildsIt();
		new InboundOrderFix(this.channel).afterSingletonsInstantiated();

		sendTwoFrames();

		assertThat(this.events).containsExactly("handle 1", "after 1", "handle 2", "after 2");
	}

	@Test
	void withoutTheFixTheNextFrameOvertakesTheInterceptorsOfThePrevious() {
		// Spring Framework 7.0 behaviour the fix works around; when this test fails, the
		// fix can go.
		channelAsSpringBuildsIt();

		sendTwoFrames();

		assertThat(this.events).containsExactly("handle 1", "handle 2", "after 2", "after 1");
	}

	/**
	 * An application interceptor first, then Spring's own release of the next frame, put
	 * in front of the list as {@code setPreserveReceiveOrder(true)} does.
	 */
	private void channelAsSpringBuildsIt() {
		this.channel.addInterceptor(new ExecutorChannelInterceptor() {
			@Override
			public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
					Exception ex) {
				InboundOrderFixTests.this.events.add("after " + message.getPayload());
			}
		});
		OrderedMessageChannelDecorator.configureInterceptor(this.channel, true);
	}

	/**
	 * Frame 2 arrives while frame 1 is being handled.
	 */
	private void sendTwoFrames() {
		this.channel.subscribe((message) -> {
			this.events.add("handle " + message.getPayload());
			if ("1".equals(message.getPayload())) {
				this.connection.send(frame("2"));
			}
		});
		this.connection.send(frame("1"));
	}

	private static Message<String> frame(String payload) {
		SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create();
		accessor.setSessionId("session-1");
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(payload, accessor.getMessageHeaders());
	}

}
