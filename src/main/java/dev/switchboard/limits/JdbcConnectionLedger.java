package dev.switchboard.limits;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link ConnectionLedger} of a cluster: the accepted connections of every instance
 * in table {@code cluster_connections} of the shared PostgreSQL database, so that the
 * limit holds across all instances.
 *
 * <p>
 * Accepting is one transaction that first takes a transaction-scoped advisory lock on the
 * user's name, then counts the user's rows and inserts one; releasing takes the same
 * lock, deletes the row and counts what is left: accepts and releases for one user, from
 * any instance, happen one at a time, and each counts those committed before it, so the
 * first and last connection of a user are told once each. Names whose hashes collide only
 * wait for each other. The rows of instances that are no longer in
 * {@code presence_instances} (dead, or shut down) are deleted by {@link #sweep}, which
 * the cluster's presence heartbeat calls with its own sweep, and which is why presence's
 * configuration creates this ledger with its instance id.
 */
public class JdbcConnectionLedger implements ConnectionLedger {

	/**
	 * The advisory lock's class id, "SWBC" (the dashboard election's is "SWBD"; a lock
	 * with two keys never meets one with a single key).
	 */
	static final int LOCK_CLASS = 0x53574243;

	/** How many users a sweep looks up at once. */
	private static final int SWEEP_BATCH = 500;

	private static final String ORPHANED = "not exists "
			+ "(select 1 from presence_instances i where i.id = cluster_connections.instance_id)";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final String instanceId;

	/**
	 * Create the ledger of the instance with the given id in {@code presence_instances}.
	 */
	public JdbcConnectionLedger(JdbcClient jdbc, TransactionTemplate transactions, String instanceId) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.instanceId = instanceId;
	}

	@Override
	public boolean tryAccept(String user, String sessionId, int limit, Runnable first) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			lock(user);
			int before = connections(user);
			if (before >= limit) {
				return false;
			}
			int inserted = this.jdbc
				.sql("insert into cluster_connections (instance_id, session_id, username) values (?, ?, ?)"
						+ " on conflict do nothing")
				.params(this.instanceId, sessionId, user)
				.update();
			if (inserted == 1 && before == 0) {
				first.run();
			}
			return true;
		}));
	}

	@Override
	public void release(String user, String sessionId, Runnable last) {
		this.transactions.executeWithoutResult((status) -> {
			lock(user);
			int deleted = this.jdbc.sql("delete from cluster_connections where instance_id = ? and session_id = ?")
				.params(this.instanceId, sessionId)
				.update();
			if (deleted == 1 && connections(user) == 0) {
				last.run();
			}
		});
	}

	@Override
	public int connections(String user) {
		return this.jdbc.sql("select count(*) from cluster_connections where username = ?")
			.param(user)
			.query(Integer.class)
			.single();
	}

	@Override
	public List<String> users(int max) {
		return this.jdbc.sql("select distinct username from cluster_connections order by username limit ?")
			.param(max)
			.query(String.class)
			.list();
	}

	@Override
	public int users() {
		return this.jdbc.sql("select count(distinct username) from cluster_connections").query(Integer.class).single();
	}

	/**
	 * Delete the connections of instances that are not in {@code presence_instances}
	 * (dead, or shut down), and tell which users thereby have no connection left. When
	 * several instances sweep at once, each connection is deleted by one of them (a user
	 * may be told by more than one). Not under the users' locks: a user who connects
	 * elsewhere meanwhile may be told offline just before being told online.
	 * @param offline called with each user who had their last connections there
	 * @return how many were deleted
	 */
	public int sweep(Consumer<String> offline) {
		List<String> users = this.jdbc.sql("select distinct username from cluster_connections where " + ORPHANED)
			.query(String.class)
			.list();
		int deleted = 0;
		for (int from = 0; from < users.size(); from += SWEEP_BATCH) {
			deleted += sweep(users.subList(from, Math.min(users.size(), from + SWEEP_BATCH)), offline);
		}
		return deleted;
	}

	/**
	 * Delete the orphaned connections of some users and tell who has none left.
	 */
	private int sweep(List<String> users, Consumer<String> offline) {
		String names = "username in (" + String.join(", ", Collections.nCopies(users.size(), "?")) + ")";
		int deleted = this.jdbc.sql("delete from cluster_connections where " + names + " and " + ORPHANED)
			.params(users)
			.update();
		if (deleted == 0) {
			return 0; // another instance swept them, and tells
		}
		Set<String> connected = new HashSet<>(
				this.jdbc.sql("select distinct username from cluster_connections where " + names)
					.params(users)
					.query(String.class)
					.list());
		users.stream().filter((user) -> !connected.contains(user)).forEach(offline);
		return deleted;
	}

	private void lock(String user) {
		this.jdbc.sql("select 1 from pg_advisory_xact_lock(?, hashtext(?))")
			.params(LOCK_CLASS, user)
			.query(Integer.class)
			.single();
	}

}
