package dev.switchboard.presence;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link PresenceLedger}: in memory for a single server.
 */
@Configuration(proxyBeanMethods = false)
class PresenceConfig {

	private static final String CLUSTER = "switchboard.cluster.enabled";

	@Bean
	@ConditionalOnBooleanProperty(name = CLUSTER, havingValue = false, matchIfMissing = true)
	InMemoryPresenceLedger inMemoryPresenceLedger() {
		return new InMemoryPresenceLedger();
	}

}
