package dev.switchboard.config;

import java.util.List;

import dev.switchboard.system.AckInterceptor;
import dev.switchboard.system.AckReturnValueHandler;
import dev.switchboard.system.BroadcastFanout;
import dev.switchboard.system.ExcludeSelfInterceptor;
import dev.switchboard.system.StompErrorHandler;
import dev.switchboard.system.UserSessionSplitter;
import dev.switchboard.system.WebSocketConnections;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
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
 * {@code @MessageMapping} methods, {@code /topic/**} and {@code /queue/**} to the broker,
 * {@code /user/**} to one user's connections.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

	private final WebSocketProperties properties;

	private final ClusterProperties cluster;

	private final AckInterceptor ackInterceptor;

	private final AckReturnValueHandler ackReturnValueHandler;

	private final ExcludeSelfInterceptor excludeSelfInterceptor;

	private final WebSocketConnections connections;

	private final List<HandshakeInterceptor> handshakeInterceptors;

	private final HandshakeHandler handshakeHandler;

	private final TaskScheduler brokerScheduler;

	private final StompErrorHandler errorHandler;

	private final UserSessionSplitter userSessionSplitter;

	private final BroadcastFanout broadcastFanout;

	private final ObjectProvider<RelayUnsubscribeFilter> relayUnsubscribeFilter;

	private final ObjectProvider<RelayUserQueues> relayUserQueues;

	WebSocketConfig(WebSocketProperties properties, ClusterProperties cluster,
			List<HandshakeInterceptor> handshakeInterceptors, HandshakeHandler handshakeHandler,
			StompErrorHandler errorHandler, WebSocketConnections connections, AckInterceptor ackInterceptor,
			AckReturnValueHandler ackReturnValueHandler, ExcludeSelfInterceptor excludeSelfInterceptor,
			UserSessionSplitter userSessionSplitter, BroadcastFanout broadcastFanout,
			ObjectProvider<RelayUnsubscribeFilter> relayUnsubscribeFilter,
			ObjectProvider<RelayUserQueues> relayUserQueues,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler) {
		this.properties = properties;
		this.cluster = cluster;
		this.handshakeInterceptors = handshakeInterceptors;
		this.handshakeHandler = handshakeHandler;
		this.errorHandler = errorHandler;
		this.connections = connections;
		this.ackInterceptor = ackInterceptor;
		this.ackReturnValueHandler = ackReturnValueHandler;
		this.excludeSelfInterceptor = excludeSelfInterceptor;
		this.userSessionSplitter = userSessionSplitter;
		this.broadcastFanout = broadcastFanout;
		this.relayUnsubscribeFilter = relayUnsubscribeFilter;
		this.relayUserQueues = relayUserQueues;
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
		this.relayUserQueues.ifAvailable(registry.configureBrokerChannel()::interceptors);
		if (this.cluster.enabled()) {
			enableRelay(registry, this.cluster.relay());
		}
		else {
			registry.enableSimpleBroker("/topic", "/queue")
				.setHeartbeatValue(new long[] { this.properties.heartbeatOutgoing().toMillis(),
						this.properties.heartbeatIncoming().toMillis() })
				.setTaskScheduler(this.brokerScheduler);
		}
	}

	/**
	 * Relay {@code /topic} and {@code /queue} to RabbitMQ's STOMP plugin, where
	 * {@code /topic/rooms.general} is routing key {@code rooms.general} on the
	 * {@code amq.topic} exchange, seen by subscribers on every instance.
	 */
	private void enableRelay(MessageBrokerRegistry registry, ClusterProperties.Relay relay) {
		registry.enableStompBrokerRelay("/topic", "/queue")
			.setRelayHost(relay.host())
			.setRelayPort(relay.port())
			.setVirtualHost(relay.virtualHost())
			.setClientLogin(relay.clientLogin())
			.setClientPasscode(relay.clientPasscode())
			.setSystemLogin(relay.systemLogin())
			.setSystemPasscode(relay.systemPasscode())
			.setSystemHeartbeatSendInterval(relay.systemHeartbeatSend().toMillis())
			.setSystemHeartbeatReceiveInterval(relay.systemHeartbeatReceive().toMillis())
			.setTaskScheduler(this.brokerScheduler);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.ackInterceptor);
		this.relayUnsubscribeFilter.ifAvailable(registration::interceptors);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.executor(new SyncTaskExecutor()).interceptors(this.excludeSelfInterceptor);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit((int) this.properties.maxMessageSize().toBytes());
		registration.addDecoratorFactory(this.connections);
	}

	@Override
	public void addReturnValueHandlers(List<HandlerMethodReturnValueHandler> returnValueHandlers) {
		returnValueHandlers.add(this.ackReturnValueHandler);
	}

}
