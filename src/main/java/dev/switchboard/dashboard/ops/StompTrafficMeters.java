package dev.switchboard.dashboard.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Configuration;
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
 * MESSAGE frame handed to a connection. One counter increment per frame.
 */
@Configuration(proxyBeanMethods = false)
class StompTrafficMeters implements WebSocketMessageBrokerConfigurer {

	static final String METER = "switchboard.stomp.messages";

	private final MeterRegistry registry;

	StompTrafficMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new MessageCounter(counter("in")));
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(new MessageCounter(counter("out")));
	}

	private Counter counter(String direction) {
		return Counter.builder(METER)
			.tag("direction", direction)
			.description("STOMP messages received from (in) or sent to (out) clients")
			.register(this.registry);
	}

	/**
	 * Counts the MESSAGE-type frames that pass a channel.
	 */
	record MessageCounter(Counter counter) implements ChannelInterceptor {

		@Override
		public Message<?> preSend(Message<?> message, MessageChannel channel) {
			if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
				this.counter.increment();
			}
			return message;
		}

	}

}
