package dev.switchboard.limits;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcConnectionLedger} on the local PostgreSQL (127.0.0.1:5432, user
 * {@code postgres}, database {@code test}), in a schema of their own: two ledgers with
 * their own instance ids stand for two instances sharing the database. Skipped when it is
 * not reachable, unless the environment variable {@code CI} is set.
 */
class JdbcConnectionLedgerPostgresTests {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String USER = "postgres";

	private static final String SCHEMA = "x_connections_" + UUID.randomUUID().toString().replace("-", "");

	private static final int THREADS = 8;

	private static final Runnable NOTHING = () -> {
	};

	private static HikariDataSource dataSource;

	private static String unreachable;

	private final ExecutorService executor = Executors.newFixedThreadPool(2 * THREADS);

	private JdbcClient jdbc;

	private JdbcConnectionLedger one;

	private JdbcConnectionLedger two;

	@BeforeAll
	static void createSchema() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("create schema " + SCHEMA);
		}
		catch (SQLException ex) {
			if (System.getenv("CI") != null) {
				throw ex;
			}
			unreachable = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + ex.getMessage()
					+ "): skipping the PostgreSQL connection ledger tests (they fail instead when CI is set)";
			return;
		}
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(URL + "?currentSchema=" + SCHEMA);
		dataSource.setUsername(USER);
		dataSource.setMaximumPoolSize(2 * THREADS + 4);
		Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (dataSource == null) {
			return;
		}
		dataSource.close();
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema " + SCHEMA + " cascade");
		}
	}

	@BeforeEach
	void startTwoInstances() {
		Assumptions.assumeTrue(unreachable == null, unreachable);
		this.jdbc = JdbcClient.create(dataSource);
		this.one = instance("instance-one");
		this.two = instance("instance-two");
	}

	@AfterEach
	void deleteRows() {
		this.executor.shutdownNow();
		if (this.jdbc != null) {
			this.jdbc.sql("delete from cluster_connections").update();
			this.jdbc.sql("delete from presence_instances").update();
		}
	}

	@Test
	void aUsersConnectionsOnTwoInstancesCountTogether() {
		assertThat(this.one.tryAccept("alice", "s1", 2, NOTHING)).isTrue();
		assertThat(this.two.tryAccept("alice", "s1", 2, NOTHING)).as("session ids are only unique per instance")
			.isTrue();

		assertThat(this.one.tryAccept("alice", "s2", 2, NOTHING)).isFalse();
		assertThat(this.two.tryAccept("alice", "s2", 2, NOTHING)).isFalse();
		assertThat(this.two.tryAccept("bob", "s2", 2, NOTHING)).as("another user has places of his own").isTrue();
		assertThat(this.one.connections("alice")).isEqualTo(2);
		assertThat(this.two.connections("alice")).isEqualTo(2);
	}

	@Test
	void aConnectionReleasedOnOneInstanceMakesRoomOnTheOther() {
		this.one.tryAccept("alice", "s1", 2, NOTHING);
		this.two.tryAccept("alice", "s1", 2, NOTHING);

		this.one.release("alice", "s1", NOTHING);

		assertThat(this.two.connections("alice")).isOne();
		assertThat(this.two.tryAccept("alice", "s2", 2, NOTHING)).isTrue();
		assertThat(this.jdbc.sql("select instance_id from cluster_connections where session_id = 's1'")
			.query(String.class)
			.list()).as("only the releasing instance's session went").containsExactly("instance-two");
	}

	@Test
	void aSessionIsCountedOnce() {
		assertThat(this.one.tryAccept("alice", "s1", 2, NOTHING)).isTrue();
		assertThat(this.one.tryAccept("alice", "s1", 2, NOTHING)).isTrue();

		assertThat(this.one.connections("alice")).isOne();
	}

	@Test
	void concurrentConnectionsOfOneUserOnTwoInstancesAreAcceptedUpToTheLimit() throws Exception {
		for (int round = 0; round < 5; round++) {
			String user = "racer-" + round;
			CyclicBarrier start = new CyclicBarrier(2 * THREADS);
			List<Callable<Boolean>> tasks = new ArrayList<>();
			for (JdbcConnectionLedger instance : List.of(this.one, this.two)) {
				for (int i = 0; i < THREADS; i++) {
					String session = user + "-s" + i;
					tasks.add(() -> {
						start.await(10, TimeUnit.SECONDS);
						return instance.tryAccept(user, session, 3, NOTHING);
					});
				}
			}
			int accepted = 0;
			for (Future<Boolean> result : this.executor.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
				accepted += result.get() ? 1 : 0;
			}
			assertThat(accepted).as("round %d", round).isEqualTo(3);
			assertThat(this.one.connections(user)).as("round %d", round).isEqualTo(3);
		}
	}

	@Test
	void sweepingDeletesOnlyTheConnectionsOfInstancesNoLongerRegistered() {
		JdbcConnectionLedger dead = instance("instance-dead");
		dead.tryAccept("alice", "s1", 5, NOTHING);
		dead.tryAccept("bob", "s2", 5, NOTHING);
		this.one.tryAccept("alice", "s1", 5, NOTHING);
		this.two.tryAccept("alice", "s1", 5, NOTHING);
		this.jdbc.sql("delete from presence_instances where id = 'instance-dead'").update();

		List<String> offline = new ArrayList<>();
		assertThat(this.one.sweep(offline::add)).isEqualTo(2);

		assertThat(this.one.connections("alice")).isEqualTo(2);
		assertThat(this.one.connections("bob")).isZero();
		assertThat(offline).as("alice still has connections elsewhere").containsExactly("bob");
		assertThat(this.two.sweep(offline::add)).isZero();
		assertThat(this.one.users(10)).containsExactly("alice");
		assertThat(this.two.users()).isOne();
	}

	@Test
	void aUsersFirstConnectionAndLastReleaseAcrossTwoInstancesAreToldOnce() {
		List<String> told = new ArrayList<>();
		this.one.tryAccept("alice", "s1", 5, () -> told.add("first on one"));
		this.two.tryAccept("alice", "s1", 5, () -> told.add("first on two"));
		this.two.tryAccept("alice", "s1", 5, () -> told.add("first on two again"));
		this.one.release("alice", "s1", () -> told.add("last on one"));
		this.one.release("alice", "s1", () -> told.add("last on one again"));
		this.two.release("alice", "s1", () -> told.add("last on two"));

		assertThat(told).containsExactly("first on one", "last on two");
	}

	@Test
	void concurrentConnectsAndClosesOfOneUserOnTwoInstancesAlternateFirstAndLast() throws Exception {
		List<String> told = new CopyOnWriteArrayList<>();
		List<Callable<Void>> tasks = new ArrayList<>();
		for (JdbcConnectionLedger instance : List.of(this.one, this.two)) {
			for (int i = 0; i < THREADS; i++) {
				String session = "s" + i;
				tasks.add(() -> {
					for (int round = 0; round < 10; round++) {
						instance.tryAccept("alice", session, 100, () -> told.add("online"));
						instance.release("alice", session, () -> told.add("offline"));
					}
					return null;
				});
			}
		}
		for (Future<Void> result : this.executor.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
			result.get();
		}
		assertThat(told).isNotEmpty().hasSizeLessThanOrEqualTo(2 * 2 * THREADS * 10);
		for (int i = 0; i < told.size(); i++) {
			assertThat(told.get(i)).as("change %d of %s", i, told).isEqualTo((i % 2 == 0) ? "online" : "offline");
		}
		assertThat(this.one.connections("alice")).isZero();
	}

	private JdbcConnectionLedger instance(String id) {
		this.jdbc.sql("insert into presence_instances (id, last_seen) values (?, current_timestamp)")
			.param(id)
			.update();
		return new JdbcConnectionLedger(this.jdbc,
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), id);
	}

}
