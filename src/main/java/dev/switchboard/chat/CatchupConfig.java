package dev.switchboard.chat;

import dev.switchboard.websocket.Pipeline;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The catch-up's steps of the pipeline: {@link CatchupSubscriptions} on the client
 * inbound channel; the {@link CatchupHoldBack} first on the client outbound channel.
 */
@Configuration(proxyBeanMethods = false)
@Order(Pipeline.CATCH_UP)
class CatchupConfig implements WebSocketMessageBrokerConfigurer {

	private final CatchupSubscriptions subscriptions;

	private final CatchupHoldBack holdBack;

	CatchupConfig(CatchupSubscriptions subscriptions, CatchupHoldBack holdBack) {
		this.subscriptions = subscriptions;
		this.holdBack = holdBack;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.subscriptions);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.holdBack);
	}

}
