package dev.switchboard.presence;

import java.util.UUID;

import dev.switchboard.limits.JdbcConnectionLedger;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chooses the {@link PresenceLedger}: in memory for a single server, in the shared
 * database when {@code switchboard.cluster.enabled} is true. A cluster instance also gets
 * the {@link JdbcConnectionLedger} of the per-user connection limit, whose rows belong to
 * this instance's id and are swept with its subscriptions.
 */
@Configuration(proxyBeanMethods = false)
class PresenceConfig {

	private static final String CLUSTER = "switchboard.cluster.enabled";

	@Bean
	@ConditionalOnBooleanProperty(name = CLUSTER, havingValue = false, matchIfMissing = true)
	InMemoryPresenceLedger inMemoryPresenceLedger() {
		return new InMemoryPresenceLedger();
	}

	@Bean
	@ConditionalOnBooleanProperty(CLUSTER)
	PresenceInstances presenceInstances(JdbcClient jdbc) {
		return new PresenceInstances(jdbc, UUID.randomUUID().toString());
	}

	@Bean
	@ConditionalOnBooleanProperty(CLUSTER)
	JdbcPresenceLedger jdbcPresenceLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			PresenceInstances instances) {
		return new JdbcPresenceLedger(jdbc, new TransactionTemplate(transactionManager), instances.id());
	}

	@Bean
	@ConditionalOnBooleanProperty(CLUSTER)
	JdbcConnectionLedger jdbcConnectionLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			PresenceInstances instances) {
		return new JdbcConnectionLedger(jdbc, new TransactionTemplate(transactionManager), instances.id());
	}

	@Bean
	@ConditionalOnBooleanProperty(CLUSTER)
	ClusterPresence clusterPresence(PresenceInstances instances, JdbcPresenceLedger ledger,
			JdbcConnectionLedger connections, PresenceTracker tracker, OnlineAnnouncer online,
			ClusterPresenceProperties properties) {
		return new ClusterPresence(instances, ledger, connections, tracker, online, properties);
	}

}
