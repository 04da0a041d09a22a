package dev.switchboard.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.stereotype.Component;

/**
 * Subscribes every {@link RelayTopicListener} on the broker relay's system connection,
 * beside Spring's own system subscriptions, before the relay connects.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class RelaySystemSubscriptions implements BeanPostProcessor {

	private final ObjectProvider<RelayTopicListener> listeners;

	RelaySystemSubscriptions(ObjectProvider<RelayTopicListener> listeners) {
		this.listeners = listeners;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof StompBrokerRelayMessageHandler relay) {
			Map<String, MessageHandler> subscriptions = new LinkedHashMap<>(relay.getSystemSubscriptions());
			this.listeners.orderedStream().forEach((listener) -> subscriptions.put(listener.relayTopic(), listener));
			relay.setSystemSubscriptions(subscriptions);
		}
		return bean;
	}

}
