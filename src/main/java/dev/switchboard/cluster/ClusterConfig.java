package dev.switchboard.cluster;

import dev.switchboard.websocket.Pipeline;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * The cluster's steps of the broker channel, ahead of the transport's
 * ({@link ClusterPublisher}), and the one consumer of this instance's queue
 * ({@link ClusterInbound}), which reconnects by itself every
 * {@code switchboard.cluster.recovery-interval} while RabbitMQ is away.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
@Order(Pipeline.CLUSTER)
class ClusterConfig implements WebSocketMessageBrokerConfigurer {

	private final ClusterPublisher publisher;

	ClusterConfig(ClusterPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.configureBrokerChannel().interceptors(this.publisher);
	}

	@Bean
	SimpleMessageListenerContainer clusterListenerContainer(ConnectionFactory connectionFactory, ClusterBus bus,
			ClusterInbound inbound, ClusterProperties properties) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueueNames(bus.queue());
		container.setMessageListener(inbound);
		container.setAcknowledgeMode(AcknowledgeMode.NONE);
		container.setConcurrentConsumers(1);
		container.setPrefetchCount(500);
		container.setMissingQueuesFatal(false);
		container.setRecoveryInterval(properties.recoveryInterval().toMillis());
		return container;
	}

}
