package dev.switchboard.websocket;

import java.util.ArrayList;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.support.InterceptableChannel;
import org.springframework.stereotype.Component;

/**
 * Restores the intended order of the client inbound channel's interceptors once the
 * context is built.
 *
 * <p>
 * With inbound order preserved, Spring Framework 7.0 inserts the interceptor that
 * releases a session's next frame at the front of the channel's interceptor list, but
 * registers it last among the interceptors that run after a frame is handled, so it runs
 * first there: the next frame could then be handled before the previous frame's
 * acknowledgement, catch-up or presence update. Setting the same list again registers
 * them in list order, so the release runs after everything else.
 *
 * <p>
 * Seen in Spring Framework 7.0.8 ({@code ExecutorSubscribableChannel.addInterceptor(int,
 * …)}, called by {@code OrderedMessageChannelDecorator.configureInterceptor}). It can go
 * when {@code InboundOrderFixTests} shows the release running last without it.
 */
@Component
class InboundOrderFix implements SmartInitializingSingleton {

	private final InterceptableChannel clientInboundChannel;

	InboundOrderFix(@Lazy @Qualifier("clientInboundChannel") InterceptableChannel clientInboundChannel) {
		this.clientInboundChannel = clientInboundChannel;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.clientInboundChannel.setInterceptors(new ArrayList<>(this.clientInboundChannel.getInterceptors()));
	}

}
