package dev.switchboard.dashboard.ops;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import dev.switchboard.websocket.BroadcastFanout;
import dev.switchboard.websocket.Pipeline;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Counts STOMP messages: {@code switchboard.stomp.messages} with {@code direction=in} for
 * every SEND a client makes (after security let it through) and {@code out} for every
 * MESSAGE frame handed to a connection, whether through the client outbound channel or by
 * the {@link BroadcastFanout}. One counter increment per frame.
 */
@Configuration(proxyBeanMethods = false)
@Order(Pipeline.METERS)
class StompTrafficMeters implements WebSocketMessageBrokerConfigurer {

	static final String METER = "switchboard.stomp.messages";

	private final MessageCounter in = new MessageCounter(new LongAdder());

	private final MessageCounter out = new MessageCounter(new LongAdder());

	StompTrafficMeters(MeterRegistry registry, BroadcastFanout fanout) {
		register(registry, "in", this.in, (counter) -> counter.count().sum());
		register(registry, "out", this.out, (counter) -> counter.count().sum() + fanout.written());
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.in);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.out);
	}

	private static void register(MeterRegistry registry, String direction, MessageCounter counter,
			ToDoubleFunction<MessageCounter> count) {
		FunctionCounter.builder(METER, counter, count)
			.tag("direction", direction)
			.description("STOMP messages received from (in) or sent to (out) clients")
			.register(registry);
	}

	/**
	 * Counts the MESSAGE-type frames that pass a channel.
	 */
	record MessageCounter(LongAdder count) implements ChannelInterceptor {

		@Override
		public Message<?> preSend(Message<?> message, MessageChannel channel) {
			if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
				this.count.increment();
			}
			return message;
		}

	}

}
