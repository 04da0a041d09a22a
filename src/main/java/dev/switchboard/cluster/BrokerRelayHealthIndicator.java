package dev.switchboard.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * The {@code brokerRelay} component of {@code /actuator/health} in a cluster: up while
 * the relay's own connection to RabbitMQ is established, down (and reconnecting every few
 * seconds) while it is not.
 */
@Component("brokerRelay")
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class BrokerRelayHealthIndicator extends AbstractHealthIndicator {

	private final ClusterProperties.Relay relay;

	private volatile boolean available;

	BrokerRelayHealthIndicator(ClusterProperties cluster) {
		super("Broker relay health check failed");
		this.relay = cluster.relay();
	}

	@EventListener
	void onBrokerAvailability(BrokerAvailabilityEvent event) {
		this.available = event.isBrokerAvailable();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		(this.available ? builder.up() : builder.down()).withDetail("broker",
				this.relay.host() + ":" + this.relay.port());
	}

}
