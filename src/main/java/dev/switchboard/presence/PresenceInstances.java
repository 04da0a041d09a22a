package dev.switchboard.presence;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The live instances of a cluster in table {@code presence_instances}, each with the time
 * of its last heartbeat (by the database's clock); this one is {@link #id()}.
 */
class PresenceInstances {

	private final JdbcClient jdbc;

	private final String id;

	PresenceInstances(JdbcClient jdbc, String id) {
		this.jdbc = jdbc;
		this.id = id;
	}

	/**
	 * This instance's id.
	 */
	String id() {
		return this.id;
	}

	/**
	 * Record that this instance is alive.
	 * @return {@code false} if it had been taken for dead and was registered anew
	 */
	boolean heartbeat() {
		int updated = this.jdbc.sql("update presence_instances set last_seen = current_timestamp where id = ?")
			.param(this.id)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into presence_instances (id, last_seen) values (?, current_timestamp)")
				.param(this.id)
				.update();
		}
		return updated > 0;
	}

	/**
	 * Delete the other instances whose last heartbeat is older than the expiry.
	 * @return the ids of those deleted by this call (each is deleted by one caller only)
	 */
	List<String> expire(Duration expiry) {
		Timestamp now = this.jdbc.sql("select current_timestamp").query(Timestamp.class).single();
		Timestamp cutoff = Timestamp.from(now.toInstant().minus(expiry));
		List<String> candidates = this.jdbc.sql("select id from presence_instances where last_seen < ? and id <> ?")
			.params(cutoff, this.id)
			.query(String.class)
			.list();
		List<String> expired = new ArrayList<>();
		for (String candidate : candidates) {
			if (this.jdbc.sql("delete from presence_instances where id = ? and last_seen < ?")
				.params(candidate, cutoff)
				.update() == 1) {
				expired.add(candidate);
			}
		}
		return expired;
	}

	/**
	 * Delete this instance's row, as when it shuts down.
	 */
	void remove() {
		this.jdbc.sql("delete from presence_instances where id = ?").param(this.id).update();
	}

}
