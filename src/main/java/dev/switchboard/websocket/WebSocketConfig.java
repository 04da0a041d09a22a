package dev.switchboard.websocket;

import java.util.List;

import dev.switchboard.system.AckInterceptor;
import dev.switchboard.system.AckReturnValueHandler;
import dev.switchboard.system.StompErrorHandler;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.messaging.handler.invocation.HandlerMethodReturnValueHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The STOMP endpoint {@code /ws} and its broker: {@code /app/**} goes to
 * {@code @MessageMapping} methods, {@code /topic/**} and {@code /queue/**} to the
 * in-memory broker (in a cluster too, where the cluster's steps of the broker channel
 * bring it what other instances publish), {@code /user/**} to one user's connections; and
 * the transport's own steps of the pipeline.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@Order(Pipeline.TRANSPORT)
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

	private final WebSocketProperties properties;

	private final AckInterceptor ackInterceptor;

	private final AckReturnValueHandler ackReturnValueHandler;

	private final ExcludeSelfInterceptor excludeSelfInterceptor;

	private final StompReceipts receipts;

	private final WebSocketConnections connections;

	private final List<HandshakeInterceptor> handshakeInterceptors;

	private final HandshakeHandler handshakeHandler;

	private final TaskScheduler brokerScheduler;

	private final StompErrorHandler errorHandler;

	private final UserSessionSplitter userSessionSplitter;

	private final BroadcastFanout broadcastFanout;

	WebSocketConfig(WebSocketProperties properties, List<HandshakeInterceptor> handshakeInterceptors,
			HandshakeHandler handshakeHandler, StompErrorHandler errorHandler, WebSocketConnections connections,
			AckInterceptor ackInterceptor, AckReturnValueHandler ackReturnValueHandler,
			ExcludeSelfInterceptor excludeSelfInterceptor, StompReceipts receipts,
			UserSessionSplitter userSessionSplitter, BroadcastFanout broadcastFanout,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler) {
		this.properties = properties;
		this.handshakeInterceptors = handshakeInterceptors;
		this.handshakeHandler = handshakeHandler;
		this.errorHandler = errorHandler;
		this.connections = connections;
		this.ackInterceptor = ackInterceptor;
		this.ackReturnValueHandler = ackReturnValueHandler;
		this.excludeSelfInterceptor = excludeSelfInterceptor;
		this.receipts = receipts;
		this.userSessionSplitter = userSessionSplitter;
		this.broadcastFanout = broadcastFanout;
		this.brokerScheduler = brokerScheduler;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws")
			.setHandshakeHandler(this.handshakeHandler)
			.setAllowedOriginPatterns(this.properties.allowedOrigins().toArray(String[]::new))
			.addInterceptors(this.handshakeInterceptors.toArray(HandshakeInterceptor[]::new));
		registry.setErrorHandler(this.errorHandler);
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix("/user");
		// Frames are written in the order they are sent, by the thread that sends them:
		// the outbound channel is synchronous and writes never block (see
		// WebSocketConnections), so no per-session reordering can happen.
		registry.configureBrokerChannel().interceptors(this.userSessionSplitter, this.broadcastFanout);
		registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(new long[] { this.properties.heartbeatOutgoing().toMillis(),
					this.properties.heartbeatIncoming().toMillis() })
			.setTaskScheduler(this.brokerScheduler);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.ackInterceptor, this.receipts);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.executor(new SyncTaskExecutor()).interceptors(this.excludeSelfInterceptor);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit((int) this.properties.maxMessageSize().toBytes());
		// Spring's session decorator closes a connection (4500) whose frames wait in its
		// buffer for longer than its send time limit while another thread writes, as
		// several catch-ups on one connection may. Writes never block here, and
		// NonBlockingSession applies the documented slow-consumer rule (1008) to what
		// truly waits, so Spring's limits are set out of reach.
		registration.setSendTimeLimit(Integer.MAX_VALUE).setSendBufferSizeLimit(Integer.MAX_VALUE);
		registration.addDecoratorFactory(this.connections);
	}

	@Override
	public void addReturnValueHandlers(List<HandlerMethodReturnValueHandler> returnValueHandlers) {
		returnValueHandlers.add(this.ackReturnValueHandler);
	}

}
