package dev.switchboard.presence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import dev.switchboard.limits.JdbcConnectionLedger;
import dev.switchboard.support.CapturingChannel;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PresenceConfig}: which ledger {@code switchboard.cluster.enabled}
 * chooses, and the heartbeats of cluster mode, which also sweep the connections counted
 * for dead instances.
 */
class PresenceConfigTests {

	private final CapturingChannel broker = new CapturingChannel();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PresenceConfig.class, Collaborators.class)
		.withBean(CapturingChannel.class, () -> this.broker);

	@Test
	void aSingleInstanceCountsInMemory() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InMemoryPresenceLedger.class)
				.doesNotHaveBean(JdbcPresenceLedger.class)
				.doesNotHaveBean(JdbcConnectionLedger.class)
				.doesNotHaveBean(ClusterPresence.class);
		});
	}

	@Test
	void aClusterInstanceCountsInTheDatabaseAndRegistersItself() {
		this.runner.withPropertyValues("switchboard.cluster.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(JdbcPresenceLedger.class)
				.hasSingleBean(JdbcConnectionLedger.class)
				.doesNotHaveBean(InMemoryPresenceLedger.class);
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			String id = context.getBean(PresenceInstances.class).id();
			assertThat(jdbc.sql("select count(*) from presence_instances where id = ?")
				.param(id)
				.query(Integer.class)
				.single()).isOne();

			context.close();
			assertThat(jdbc.sql("select count(*) from presence_instances").query(Integer.class).single()).isZero();
		});
	}

	@Test
	void aClusterInstanceSweepsDeadInstancesAndAnnouncesWhoLeft() {
		this.runner.withPropertyValues("switchboard.cluster.enabled=true",
				"switchboard.cluster.presence.heartbeat-period=50ms", "switchboard.cluster.presence.instance-expiry=1s")
			.run((context) -> {
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				JdbcPresenceLedger dead = new JdbcPresenceLedger(jdbc,
						new TransactionTemplate(context.getBean(PlatformTransactionManager.class)), "instance-dead");
				jdbc.sql("insert into presence_instances (id, last_seen) values ('instance-dead', ?)")
					.param(Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))))
					.update();
				dead.subscribe("s1", "sub-1", "lobby", "alice", (event) -> {
				});

				await().until(() -> !this.broker.to("/topic/rooms.lobby").isEmpty());
				assertThat(new String((byte[]) this.broker.single().getPayload()))
					.isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"user\":\"alice\",\"state\":\"left\"}");
				assertThat(context.getBean(PresenceTracker.class).members("lobby", null)).isEmpty();
			});
	}

	@Test
	void aClusterInstanceSweepsTheConnectionsOfDeadInstancesAnnouncingWhoWentOfflineAndItsOwnWhenItStops() {
		this.runner.withPropertyValues("switchboard.cluster.enabled=true",
				"switchboard.cluster.presence.heartbeat-period=50ms", "switchboard.cluster.presence.instance-expiry=1s")
			.run((context) -> {
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				String id = context.getBean(PresenceInstances.class).id();
				jdbc.sql("insert into presence_instances (id, last_seen) values ('instance-dead', ?)")
					.param(Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))))
					.update();
				insertConnection(jdbc, "instance-dead", "s1", "alice");
				insertConnection(jdbc, "instance-dead", "s2", "bob");
				insertConnection(jdbc, id, "s1", "alice");
				JdbcConnectionLedger connections = context.getBean(JdbcConnectionLedger.class);

				await().until(() -> connections.connections("bob") == 0);
				assertThat(connections.connections("alice")).as("this live instance's connection stays").isOne();
				await().until(() -> !this.broker.to("/topic/presence.online").isEmpty());
				assertThat(new String((byte[]) this.broker.single().getPayload()))
					.as("bob had no connection left; alice has one here")
					.isEqualTo("{\"type\":\"online\",\"user\":\"bob\",\"state\":\"offline\"}");

				context.close();
				assertThat(jdbc.sql("select count(*) from cluster_connections").query(Integer.class).single()).isZero();
			});
	}

	private static void insertConnection(JdbcClient jdbc, String instance, String session, String user) {
		jdbc.sql("insert into cluster_connections (instance_id, session_id, username) values (?, ?, ?)")
			.params(instance, session, user)
			.update();
	}

	/**
	 * What the presence configuration needs from the rest of the application: a migrated
	 * database and a broker channel to capture the broadcasts.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ClusterPresenceProperties.class)
	static class Collaborators {

		@Bean
		DataSource dataSource() {
			DataSource dataSource = new DriverManagerDataSource(
					"jdbc:h2:mem:presence-config-" + UUID.randomUUID()
							+ ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
					"sa", "");
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
			return dataSource;
		}

		@Bean
		JdbcClient jdbcClient(DataSource dataSource) {
			return JdbcClient.create(dataSource);
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		PresenceTracker presenceTracker(CapturingChannel broker, PresenceLedger ledger) {
			return new PresenceTracker(new PresenceAnnouncer(template(broker), null, Duration.ZERO), ledger);
		}

		@Bean
		OnlineAnnouncer onlineAnnouncer(CapturingChannel broker) {
			return new OnlineAnnouncer(template(broker), null, Duration.ZERO);
		}

		private static SimpMessagingTemplate template(CapturingChannel broker) {
			SimpMessagingTemplate template = new SimpMessagingTemplate(broker);
			template.setMessageConverter(new JacksonJsonMessageConverter());
			return template;
		}

	}

}
