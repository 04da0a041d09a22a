package dev.switchboard.websocket;

import java.util.List;

import dev.switchboard.support.SwitchboardTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message pipeline of a single instance is exactly the one the package documentation
 * lists, step by step and in order.
 */
@SwitchboardTest(webEnvironment = WebEnvironment.MOCK)
class PipelineTests {

	@Autowired
	@Qualifier("clientInboundChannel")
	AbstractSubscribableChannel clientInboundChannel;

	@Autowired
	@Qualifier("brokerChannel")
	AbstractSubscribableChannel brokerChannel;

	@Autowired
	@Qualifier("clientOutboundChannel")
	AbstractSubscribableChannel clientOutboundChannel;

	@Autowired
	SubProtocolWebSocketHandler stompHandler;

	@Test
	void clientInboundChannel() {
		assertThat(steps(this.clientInboundChannel)).containsExactly("UnsentDisconnectChannelInterceptor",
				"CallbackTaskInterceptor", "FrameLimits", "StompAuthenticationInterceptor",
				"SecurityContextChannelInterceptor", "DestinationAuthorizationInterceptor", "ConnectionLimits",
				"CatchupSubscriptions", "AckInterceptor", "StompReceipts", "MessageCounter", "PresenceTracker",
				"ImmutableMessageChannelInterceptor");
	}

	@Test
	void brokerChannel() {
		assertThat(steps(this.brokerChannel)).containsExactly("CallbackTaskInterceptor", "UserSessionSplitter",
				"BroadcastFanout", "ImmutableMessageChannelInterceptor");
	}

	@Test
	void clientOutboundChannel() {
		assertThat(steps(this.clientOutboundChannel)).containsExactly("CatchupHoldBack", "ExcludeSelfInterceptor",
				"MessageCounter", "RawBinaryFilter", "ImmutableMessageChannelInterceptor");
	}

	@Test
	void onlyTheProductsSlowConsumerRuleClosesAConnection() {
		assertThat(this.stompHandler.getSendTimeLimit()).isEqualTo(Integer.MAX_VALUE);
		assertThat(this.stompHandler.getSendBufferSizeLimit()).isEqualTo(Integer.MAX_VALUE);
	}

	private static List<String> steps(AbstractSubscribableChannel channel) {
		return channel.getInterceptors().stream().map(ChannelInterceptor::getClass).map(Class::getSimpleName).toList();
	}

}
