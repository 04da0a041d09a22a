package dev.switchboard.presence;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link PresenceLedger} of a cluster: the subscriptions of every instance in table
 * {@code presence_subscriptions} of the shared database, so that joined and left are
 * counted across all instances.
 *
 * <p>
 * Every change to a room's subscriptions runs in a transaction that first locks the
 * room's row in {@code presence_rooms}: changes to one room, from any instance, happen
 * one at a time, and each sees those before it. Events are handed on before the commit,
 * while the lock is held. Subscriptions of instances that are no longer in
 * {@code presence_instances} are removed by {@link #sweep}.
 */
class JdbcPresenceLedger implements PresenceLedger {

	private static final String SUBSCRIPTION = "instance_id = ? and session_id = ? and subscription_id = ?";

	private static final String ORPHANED = "not exists "
			+ "(select 1 from presence_instances i where i.id = presence_subscriptions.instance_id)";

	private static final String ORPHAN = "room = ? and " + ORPHANED;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final String instanceId;

	JdbcPresenceLedger(JdbcClient jdbc, TransactionTemplate transactions, String instanceId) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.instanceId = instanceId;
	}

	@Override
	public void subscribe(String sessionId, String subscriptionId, String room, String user,
			Consumer<PresenceEvent> events) {
		createRoomRow(room);
		this.transactions.executeWithoutResult((status) -> {
			lockRoom(room);
			if (this.jdbc.sql("select count(*) from presence_subscriptions where " + SUBSCRIPTION)
				.params(this.instanceId, sessionId, subscriptionId)
				.query(Integer.class)
				.single() > 0) {
				return;
			}
			boolean first = subscriptions(room, user) == 0;
			this.jdbc
				.sql("insert into presence_subscriptions (instance_id, session_id, subscription_id, room, username)"
						+ " values (?, ?, ?, ?, ?)")
				.params(this.instanceId, sessionId, subscriptionId, room, user)
				.update();
			if (first) {
				events.accept(new PresenceEvent(room, user, PresenceEvent.JOINED));
			}
		});
	}

	@Override
	public void unsubscribe(String sessionId, String subscriptionId, Consumer<PresenceEvent> events) {
		this.jdbc.sql("select room from presence_subscriptions where " + SUBSCRIPTION)
			.params(this.instanceId, sessionId, subscriptionId)
			.query(String.class)
			.optional()
			.ifPresent((room) -> this.transactions.executeWithoutResult((status) -> {
				lockRoom(room);
				List<String> users = this.jdbc
					.sql("select username from presence_subscriptions where room = ? and " + SUBSCRIPTION)
					.params(room, this.instanceId, sessionId, subscriptionId)
					.query(String.class)
					.list();
				this.jdbc.sql("delete from presence_subscriptions where room = ? and " + SUBSCRIPTION)
					.params(room, this.instanceId, sessionId, subscriptionId)
					.update();
				announceLeft(room, users, events);
			}));
	}

	@Override
	public void forgetSession(String sessionId, Consumer<PresenceEvent> events) {
		String ofSession = "instance_id = ? and session_id = ?";
		for (String room : this.jdbc.sql("select distinct room from presence_subscriptions where " + ofSession)
			.params(this.instanceId, sessionId)
			.query(String.class)
			.list()) {
			this.transactions.executeWithoutResult((status) -> {
				lockRoom(room);
				List<String> users = this.jdbc
					.sql("select distinct username from presence_subscriptions where room = ? and " + ofSession)
					.params(room, this.instanceId, sessionId)
					.query(String.class)
					.list();
				this.jdbc.sql("delete from presence_subscriptions where room = ? and " + ofSession)
					.params(room, this.instanceId, sessionId)
					.update();
				announceLeft(room, users, events);
			});
		}
	}

	/**
	 * Forget the subscriptions of instances that are not in {@code presence_instances}
	 * (dead, or shut down); a {@code left} event for each user who thereby left a room.
	 * When several instances sweep at once, each subscription is forgotten by one of
	 * them.
	 * @return how many subscriptions were forgotten
	 */
	int sweep(Consumer<PresenceEvent> events) {
		int swept = 0;
		for (String room : this.jdbc.sql("select distinct room from presence_subscriptions where " + ORPHANED)
			.query(String.class)
			.list()) {
			swept += this.transactions.execute((status) -> {
				lockRoom(room);
				List<String> users = this.jdbc
					.sql("select distinct username from presence_subscriptions where " + ORPHAN)
					.param(room)
					.query(String.class)
					.list();
				int deleted = this.jdbc.sql("delete from presence_subscriptions where " + ORPHAN).param(room).update();
				announceLeft(room, users, events);
				return deleted;
			});
		}
		return swept;
	}

	@Override
	public List<String> members(String room) {
		return this.jdbc.sql("select distinct username from presence_subscriptions where room = ? order by username")
			.param(room)
			.query(String.class)
			.list();
	}

	@Override
	public int subscriptions(String room, String user) {
		return this.jdbc.sql("select count(*) from presence_subscriptions where room = ? and username = ?")
			.params(room, user)
			.query(Integer.class)
			.single();
	}

	private void announceLeft(String room, List<String> users, Consumer<PresenceEvent> events) {
		users.stream()
			.distinct()
			.filter((user) -> subscriptions(room, user) == 0)
			.forEach((user) -> events.accept(new PresenceEvent(room, user, PresenceEvent.LEFT)));
	}

	private void createRoomRow(String room) {
		if (this.jdbc.sql("select count(*) from presence_rooms where room = ?")
			.param(room)
			.query(Integer.class)
			.single() == 0) {
			try {
				this.jdbc.sql("insert into presence_rooms (room) values (?)").param(room).update();
			}
			catch (DataIntegrityViolationException ex) {
				// Another instance created it meanwhile.
			}
		}
	}

	private void lockRoom(String room) {
		this.jdbc.sql("select room from presence_rooms where room = ? for update")
			.param(room)
			.query(String.class)
			.list();
	}

}
