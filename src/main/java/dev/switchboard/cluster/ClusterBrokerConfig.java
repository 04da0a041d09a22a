package dev.switchboard.cluster;

import dev.switchboard.websocket.Pipeline;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The cluster's broker: {@code /topic} and {@code /queue} relayed to RabbitMQ's STOMP
 * plugin, where {@code /topic/rooms.general} is routing key {@code rooms.general} on the
 * {@code amq.topic} exchange, seen by subscribers on every instance; and the cluster's
 * steps of the broker channel, ahead of the transport's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
@Order(Pipeline.CLUSTER)
class ClusterBrokerConfig implements WebSocketMessageBrokerConfigurer {

	private final ClusterProperties.Relay relay;

	private final ClusterUserMessages userMessages;

	private final RelayUserQueues userQueues;

	private final TaskScheduler brokerScheduler;

	ClusterBrokerConfig(ClusterProperties cluster, ClusterUserMessages userMessages, RelayUserQueues userQueues,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler) {
		this.relay = cluster.relay();
		this.userMessages = userMessages;
		this.userQueues = userQueues;
		this.brokerScheduler = brokerScheduler;
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.configureBrokerChannel().interceptors(this.userMessages, this.userQueues);
		registry.enableStompBrokerRelay("/topic", "/queue")
			.setRelayHost(this.relay.host())
			.setRelayPort(this.relay.port())
			.setVirtualHost(this.relay.virtualHost())
			.setClientLogin(this.relay.clientLogin())
			.setClientPasscode(this.relay.clientPasscode())
			.setSystemLogin(this.relay.systemLogin())
			.setSystemPasscode(this.relay.systemPasscode())
			.setSystemHeartbeatSendInterval(this.relay.systemHeartbeatSend().toMillis())
			.setSystemHeartbeatReceiveInterval(this.relay.systemHeartbeatReceive().toMillis())
			.setTaskScheduler(this.brokerScheduler);
	}

}
