package dev.switchboard.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code cluster} component of {@code /actuator/health}: {@code UP} while this
 * instance is connected to RabbitMQ; {@code DEGRADED} while it is not, when it keeps its
 * clients and serves them alone (the overall status is then {@code DEGRADED}, answered
 * with 200, so that a load balancer keeps sending clients to it).
 */
@Component("cluster")
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class ClusterHealthIndicator extends AbstractHealthIndicator {

	/** This instance serves its clients, but without the other instances. */
	static final Status DEGRADED = new Status("DEGRADED", "Not connected to RabbitMQ; reconnecting");

	private final ClusterBus bus;

	ClusterHealthIndicator(ClusterBus bus) {
		super("Cluster health check failed");
		this.bus = bus;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.status(this.bus.isConnected() ? Status.UP : DEGRADED)
			.withDetail("exchange", this.bus.exchange())
			.withDetail("queue", this.bus.queue())
			.withDetail("bindings", this.bus.bindingCount());
	}

}
