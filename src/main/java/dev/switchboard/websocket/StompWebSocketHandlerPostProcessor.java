package dev.switchboard.websocket;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Puts a {@link StompWebSocketHandler} in place of the STOMP WebSocket handler that
 * {@code @EnableWebSocketMessageBroker} defines, before anything uses it.
 */
@Component
class StompWebSocketHandlerPostProcessor implements BeanPostProcessor {

	private final BeanFactory beanFactory;

	private final ObjectProvider<StompSessions> sessions;

	StompWebSocketHandlerPostProcessor(BeanFactory beanFactory, ObjectProvider<StompSessions> sessions) {
		this.beanFactory = beanFactory;
		this.sessions = sessions;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean.getClass() != SubProtocolWebSocketHandler.class) {
			return bean;
		}
		StompWebSocketHandler handler = new StompWebSocketHandler(
				this.beanFactory.getBean("clientInboundChannel", MessageChannel.class),
				this.beanFactory.getBean("clientOutboundChannel", SubscribableChannel.class),
				this.sessions.getObject());
		handler.setPhase(((SubProtocolWebSocketHandler) bean).getPhase());
		return handler;
	}

}
