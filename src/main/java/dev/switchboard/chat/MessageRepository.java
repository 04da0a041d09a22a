package dev.switchboard.chat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores chat messages with gap-free per-room sequence numbers.
 */
@Repository
class MessageRepository {

	private final JdbcClient jdbc;

	MessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Store a message as the room's next one. The room row is locked until commit, so
	 * concurrent writers to one room (on any instance) get consecutive numbers, and a
	 * failed insert gives its number back.
	 */
	@Transactional
	ChatMessage append(String room, String sender, String text, Instant now) {
		int updated = this.jdbc.sql("update rooms set last_seq = last_seq + 1 where name = ?").param(room).update();
		if (updated != 1) {
			throw new IllegalStateException("No room '" + room + "'");
		}
		long seq = this.jdbc.sql("select last_seq from rooms where name = ?").param(room).query(Long.class).single();
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("insert into messages (room, seq, id, sender, body, created_at) values (?, ?, ?, ?, ?, ?)")
			.params(room, seq, id, sender, text, Timestamp.from(now))
			.update();
		return new ChatMessage(id, room, seq, sender, text, now.toEpochMilli());
	}

}
