package dev.switchboard.cluster;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * This instance's one connection to RabbitMQ: the cluster's topic exchange, this
 * instance's own exclusive queue on it with one binding per routing key it receives, and
 * publishing.
 *
 * <p>
 * When the connection is (re)created, the exchange, the queue and every binding are
 * declared again, other instances are asked to recover what this one could not publish
 * meanwhile, and a {@link ClusterConnection} event and a {@link MessagesMissed} event
 * (naming every destination this instance receives) follow. While RabbitMQ is away
 * nothing is published (and nothing waits for it): clients stay connected and are served
 * by this instance alone.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
public class ClusterBus implements ConnectionListener {

	private static final Log logger = LogFactory.getLog(ClusterBus.class);

	/** At most this many destinations are remembered as not published. */
	private static final int MAX_UNPUBLISHED = 10_000;

	private final String instanceId = UUID.randomUUID().toString();

	private final String queue = "switchboard.instance." + this.instanceId;

	private final String exchange;

	private final RabbitTemplate template;

	private final ApplicationEventPublisher events;

	/** Routing key → destination, of every binding this instance needs. */
	private final ConcurrentHashMap<String, String> bindings = new ConcurrentHashMap<>();

	/**
	 * Routing keys of the bindings that never go (of the {@link ClusterTopicListener}s).
	 */
	private final Set<String> permanent = ConcurrentHashMap.newKeySet();

	/**
	 * Destinations this instance could not publish a message to while RabbitMQ was away.
	 */
	private final Set<String> unpublished = ConcurrentHashMap.newKeySet();

	private volatile boolean connected;

	ClusterBus(ClusterProperties properties, AbstractConnectionFactory connectionFactory, RabbitTemplate template,
			ApplicationEventPublisher events, ObjectProvider<ClusterTopicListener> listeners) {
		this.exchange = properties.exchange();
		this.template = template;
		this.events = events;
		listeners.orderedStream().forEach((listener) -> {
			String key = ClusterMessages.routingKey(listener.clusterTopic());
			this.permanent.add(key);
			this.bindings.put(key, listener.clusterTopic());
		});
		connectionFactory.addConnectionListener(this);
	}

	/**
	 * The id that tells this instance's messages from the others'.
	 */
	String instanceId() {
		return this.instanceId;
	}

	String queue() {
		return this.queue;
	}

	String exchange() {
		return this.exchange;
	}

	/**
	 * Whether this instance is connected to RabbitMQ.
	 */
	boolean isConnected() {
		return this.connected;
	}

	int bindingCount() {
		return this.bindings.size();
	}

	/**
	 * Publish a message once for every instance that receives its routing key; while
	 * RabbitMQ is away, remember a {@code /topic} destination instead, whose messages the
	 * others recover from storage when asked (a user's messages are not stored).
	 */
	void publish(String routingKey, String destination, Message message) {
		if (this.connected) {
			try {
				this.template.send(this.exchange, routingKey, message);
				return;
			}
			catch (AmqpException ex) {
				logger.debug("Failed to publish to " + destination, ex);
			}
		}
		if (destination.startsWith(ClusterMessages.TOPIC_PREFIX) && this.unpublished.size() < MAX_UNPUBLISHED) {
			this.unpublished.add(destination);
		}
		if (this.connected) {
			resyncUnpublished(); // reconnected while this message failed
		}
	}

	/**
	 * Receive the messages other instances publish to a destination. While RabbitMQ is
	 * away, the binding is made when it is back.
	 */
	void bind(String routingKey, String destination) {
		if (this.bindings.put(routingKey, destination) == null && this.connected) {
			declare((channel) -> channel.queueBind(this.queue, this.exchange, routingKey));
		}
	}

	/**
	 * Stop receiving a destination.
	 */
	void unbind(String routingKey) {
		if (!this.permanent.contains(routingKey) && this.bindings.remove(routingKey) != null && this.connected) {
			declare((channel) -> channel.queueUnbind(this.queue, this.exchange, routingKey));
		}
	}

	@Override
	public void onCreate(Connection connection) {
		try (Channel channel = connection.createChannel(false)) {
			channel.exchangeDeclare(this.exchange, "topic", false, false, null);
			channel.queueDeclare(this.queue, false, true, true, null);
			for (String routingKey : this.bindings.keySet()) {
				channel.queueBind(this.queue, this.exchange, routingKey);
			}
		}
		catch (IOException | TimeoutException | AmqpException ex) {
			logger.warn("Failed to declare this instance's queue on RabbitMQ; it is declared again on reconnect", ex);
			return;
		}
		this.connected = true;
		resyncUnpublished();
		logger.info("Connected to RabbitMQ: queue " + this.queue + " with " + this.bindings.size() + " bindings");
		this.events.publishEvent(new ClusterConnection(true));
		this.events.publishEvent(new MessagesMissed(Set.copyOf(this.bindings.values())));
	}

	@Override
	public void onClose(Connection connection) {
		lost("closed");
	}

	@Override
	public void onShutDown(ShutdownSignalException signal) {
		lost(signal.getMessage());
	}

	private void lost(String reason) {
		if (this.connected) {
			this.connected = false;
			logger.warn("Lost the connection to RabbitMQ (" + reason
					+ "); serving this instance's clients alone until it is back");
			this.events.publishEvent(new ClusterConnection(false));
		}
	}

	private void resyncUnpublished() {
		for (String destination : Set.copyOf(this.unpublished)) {
			try {
				this.template.send(this.exchange, ClusterMessages.routingKey(destination),
						ClusterMessages.resync(destination, this.instanceId));
				this.unpublished.remove(destination);
			}
			catch (AmqpException ex) {
				logger.debug("Failed to ask the other instances to recover " + destination, ex);
			}
		}
	}

	private void declare(Declaration declaration) {
		try {
			this.template.execute((channel) -> {
				declaration.declare(channel);
				return null;
			});
		}
		catch (AmqpException ex) {
			logger.debug("Failed to change a binding; it is declared again on reconnect", ex);
		}
	}

	@FunctionalInterface
	private interface Declaration {

		void declare(Channel channel) throws IOException;

	}

}
