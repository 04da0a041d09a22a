package dev.switchboard.cluster;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * Takes what other instances published from this instance's queue, one message at a time
 * in the order RabbitMQ delivers them: a broadcast or user message goes on the broker
 * channel to this instance's subscribers (marked as already in the cluster), a message to
 * a {@link ClusterTopicListener}'s topic to that listener, and another instance's request
 * to recover a destination becomes a {@link MessagesMissed} event. This instance's own
 * messages, which come back to it, are dropped: it delivered them when it published them.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class ClusterInbound implements MessageListener {

	private static final Log logger = LogFactory.getLog(ClusterInbound.class);

	private final ClusterBus bus;

	private final MessageChannel brokerChannel;

	private final ApplicationEventPublisher events;

	private final Map<String, ClusterTopicListener> listeners;

	ClusterInbound(ClusterBus bus, @Lazy @Qualifier("brokerChannel") MessageChannel brokerChannel,
			ApplicationEventPublisher events, ObjectProvider<ClusterTopicListener> listeners) {
		this.bus = bus;
		this.brokerChannel = brokerChannel;
		this.events = events;
		this.listeners = listeners.orderedStream()
			.collect(Collectors.toMap(ClusterTopicListener::clusterTopic, (listener) -> listener));
	}

	@Override
	public void onMessage(Message message) {
		if (this.bus.instanceId().equals(ClusterMessages.origin(message))) {
			return;
		}
		String destination = ClusterMessages.destination(message);
		if (destination == null) {
			return;
		}
		if (ClusterMessages.isResync(message)) {
			this.events.publishEvent(new MessagesMissed(Set.of(destination)));
			return;
		}
		try {
			ClusterTopicListener listener = this.listeners.get(destination);
			if (listener != null) {
				listener.handleMessage(ClusterMessages.fromAmqp(message));
			}
			else {
				this.brokerChannel.send(ClusterMessages.fromAmqp(message));
			}
		}
		catch (RuntimeException ex) {
			logger.error("Failed to deliver a message from the cluster to " + destination, ex);
		}
	}

}
