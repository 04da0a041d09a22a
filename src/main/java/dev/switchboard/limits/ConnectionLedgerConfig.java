package dev.switchboard.limits;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ConnectionLedger} of a single server, in memory. When
 * {@code switchboard.cluster.enabled} is true, presence's configuration provides a
 * {@link JdbcConnectionLedger} instead, since its rows belong to the instances presence
 * keeps track of.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionLedgerConfig {

	@Bean
	@ConditionalOnBooleanProperty(name = "switchboard.cluster.enabled", havingValue = false, matchIfMissing = true)
	InMemoryConnectionLedger inMemoryConnectionLedger() {
		return new InMemoryConnectionLedger();
	}

}
