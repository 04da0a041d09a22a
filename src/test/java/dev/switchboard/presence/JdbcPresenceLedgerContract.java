package dev.switchboard.presence;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcPresenceLedger} and {@link PresenceInstances}, run by a subclass
 * per database: two ledgers with their own instance ids stand for two instances sharing
 * the database.
 */
abstract class JdbcPresenceLedgerContract {

	private static final int THREADS = 8;

	private final List<PresenceEvent> events = Collections.synchronizedList(new ArrayList<>());

	private final ExecutorService executor = Executors.newFixedThreadPool(2 * THREADS);

	private JdbcClient jdbc;

	private Instance one;

	private Instance two;

	/**
	 * A data source for a database with the application's schema and no presence rows.
	 */
	abstract DataSource dataSource();

	@BeforeEach
	void startTwoInstances() {
		this.jdbc = JdbcClient.create(dataSource());
		this.one = new Instance("instance-one");
		this.two = new Instance("instance-two");
	}

	@AfterEach
	void stopThreads() {
		this.executor.shutdownNow();
	}

	@Test
	void aUserJoinsARoomOnceAcrossInstances() {
		this.one.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.two.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);

		assertThat(this.events).containsExactly(joined("lobby", "alice"));
		assertThat(this.one.ledger.subscriptions("lobby", "alice")).isEqualTo(2);
		assertThat(this.two.ledger.members("lobby")).containsExactly("alice");
	}

	@Test
	void leavingOnOneInstanceWhileTheOtherHoldsASubscriptionIsNotTheLast() {
		this.one.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.two.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.events.clear();

		this.one.ledger.unsubscribe("s1", "sub-1", this.events::add);
		assertThat(this.events).isEmpty();
		assertThat(this.one.ledger.members("lobby")).containsExactly("alice");

		this.two.ledger.forgetSession("s1", this.events::add);
		assertThat(this.events).containsExactly(left("lobby", "alice"));
		assertThat(this.one.ledger.members("lobby")).isEmpty();
	}

	@Test
	void forgettingASessionLeavesOnlyItsOwnSubscriptions() {
		this.one.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.one.ledger.subscribe("s1", "sub-2", "garden", "alice", this.events::add);
		this.two.ledger.subscribe("s1", "sub-1", "garden", "bob", this.events::add);
		this.events.clear();

		this.one.ledger.forgetSession("s1", this.events::add);

		assertThat(this.events).containsExactlyInAnyOrder(left("lobby", "alice"), left("garden", "alice"));
		assertThat(this.one.ledger.members("garden")).containsExactly("bob");
	}

	@Test
	void aSubscriptionIdIsCountedOncePerSession() {
		this.one.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.one.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		assertThat(this.one.ledger.subscriptions("lobby", "alice")).isEqualTo(1);

		this.one.ledger.unsubscribe("s1", "sub-1", this.events::add);
		this.one.ledger.unsubscribe("s1", "sub-1", this.events::add);
		assertThat(this.events).containsExactly(joined("lobby", "alice"), left("lobby", "alice"));
	}

	@Test
	void concurrentJoinsOfOneUserOnTwoInstancesAnnounceOneJoinAndOneLeave() throws Exception {
		for (int round = 0; round < 5; round++) {
			String room = "race-" + round;
			this.events.clear();
			everywhereAtOnce((instance, session) -> instance.ledger.subscribe(session, "sub-1", room, "alice",
					this.events::add));
			assertThat(this.events).as("round %d", round).containsExactly(joined(room, "alice"));
			assertThat(this.one.ledger.subscriptions(room, "alice")).isEqualTo(2 * THREADS);

			this.events.clear();
			everywhereAtOnce((instance, session) -> instance.ledger.forgetSession(session, this.events::add));
			assertThat(this.events).as("round %d", round).containsExactly(left(room, "alice"));
			assertThat(this.two.ledger.members(room)).isEmpty();
		}
	}

	@Test
	void sweepingADeadInstanceLeavesForTheUsersItAloneHeld() {
		this.one.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.one.ledger.subscribe("s2", "sub-1", "lobby", "bob", this.events::add);
		this.one.ledger.subscribe("s2", "sub-2", "garden", "bob", this.events::add);
		this.two.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.events.clear();
		heartbeatAgo(this.one, Duration.ofMinutes(1));

		assertThat(this.two.instances.expire(Duration.ofSeconds(20))).containsExactly("instance-one");
		assertThat(this.two.ledger.sweep(this.events::add)).isEqualTo(3);

		assertThat(this.events).containsExactlyInAnyOrder(left("lobby", "bob"), left("garden", "bob"));
		assertThat(this.two.ledger.members("lobby")).containsExactly("alice");
		assertThat(this.two.ledger.sweep(this.events::add)).isZero();
	}

	@Test
	void aLiveInstanceIsNotExpired() {
		this.one.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		heartbeatAgo(this.one, Duration.ofSeconds(5));

		assertThat(this.two.instances.expire(Duration.ofSeconds(20))).isEmpty();
		assertThat(this.two.ledger.sweep(this.events::add)).isZero();
		assertThat(this.two.ledger.members("lobby")).containsExactly("alice");
	}

	@Test
	void concurrentSweepsTakeEachDeadInstanceAndSubscriptionOnce() throws Exception {
		Instance dead = new Instance("instance-dead");
		for (int i = 0; i < 10; i++) {
			dead.ledger.subscribe("s" + i, "sub-1", "room-" + (i % 3), "user-" + i, this.events::add);
		}
		this.events.clear();
		heartbeatAgo(dead, Duration.ofMinutes(1));

		CyclicBarrier start = new CyclicBarrier(2);
		List<Future<Integer>> sweeps = new ArrayList<>();
		for (Instance sweeper : List.of(this.one, this.two)) {
			sweeps.add(this.executor.submit(() -> {
				start.await(10, TimeUnit.SECONDS);
				int expired = sweeper.instances.expire(Duration.ofSeconds(20)).size();
				sweeper.ledger.sweep(this.events::add);
				return expired;
			}));
		}

		assertThat(sweeps.get(0).get() + sweeps.get(1).get()).isEqualTo(1);
		assertThat(this.events).hasSize(10).doesNotHaveDuplicates();
		assertThat(this.jdbc.sql("select count(*) from presence_subscriptions").query(Integer.class).single()).isZero();
	}

	@Test
	void anInstanceTakenForDeadRegistersAnew() {
		heartbeatAgo(this.one, Duration.ofMinutes(1));
		this.two.instances.expire(Duration.ofSeconds(20));

		assertThat(this.one.instances.heartbeat()).isFalse();
		assertThat(this.one.instances.heartbeat()).isTrue();
	}

	@Test
	void aRemovedInstanceLeavesItsSubscriptionsToTheNextSweep() {
		this.one.ledger.subscribe("s1", "sub-1", "lobby", "alice", this.events::add);
		this.events.clear();

		this.one.instances.remove();
		this.one.ledger.sweep(this.events::add);

		assertThat(this.events).containsExactly(left("lobby", "alice"));
	}

	/**
	 * Run a change on each instance from {@link #THREADS} threads at once, each thread
	 * with its own session.
	 */
	private void everywhereAtOnce(Change change) throws Exception {
		CyclicBarrier start = new CyclicBarrier(2 * THREADS);
		List<Callable<Void>> tasks = new ArrayList<>();
		for (Instance instance : List.of(this.one, this.two)) {
			for (int i = 0; i < THREADS; i++) {
				String session = "s" + i;
				tasks.add(() -> {
					start.await(10, TimeUnit.SECONDS);
					change.apply(instance, session);
					return null;
				});
			}
		}
		for (Future<Void> result : this.executor.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
			result.get();
		}
	}

	private void heartbeatAgo(Instance instance, Duration age) {
		Timestamp now = this.jdbc.sql("select current_timestamp").query(Timestamp.class).single();
		this.jdbc.sql("update presence_instances set last_seen = ? where id = ?")
			.params(Timestamp.from(now.toInstant().minus(age)), instance.instances.id())
			.update();
	}

	private static PresenceEvent joined(String room, String user) {
		return new PresenceEvent(room, user, PresenceEvent.JOINED);
	}

	private static PresenceEvent left(String room, String user) {
		return new PresenceEvent(room, user, PresenceEvent.LEFT);
	}

	private interface Change {

		void apply(Instance instance, String session) throws Exception;

	}

	/**
	 * One registered instance: its row in {@code presence_instances} and its ledger.
	 */
	private final class Instance {

		final PresenceInstances instances;

		final JdbcPresenceLedger ledger;

		Instance(String id) {
			this.instances = new PresenceInstances(JdbcPresenceLedgerContract.this.jdbc, id);
			this.instances.heartbeat();
			this.ledger = new JdbcPresenceLedger(JdbcPresenceLedgerContract.this.jdbc,
					new TransactionTemplate(new DataSourceTransactionManager(dataSource())), id);
		}

	}

}
