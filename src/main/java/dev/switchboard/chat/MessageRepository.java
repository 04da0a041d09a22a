package dev.switchboard.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores chat messages with gap-free per-room sequence numbers, and reads them back.
 */
@Repository
public class MessageRepository {

	private static final String COLUMNS = "id, room, seq, sender, body, created_at, client_id";

	private static final RowMapper<ChatMessage> MAPPER = MessageRepository::map;

	private final JdbcClient jdbc;

	MessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Store a message as the room's next one. The room row is locked until commit, so
	 * concurrent writers to one room (on any instance) get consecutive numbers, and a
	 * failed insert gives its number back.
	 * @throws org.springframework.dao.DuplicateKeyException if the sender already stored
	 * a message with this client id
	 */
	@Transactional
	ChatMessage append(String room, String sender, String text, String clientId, Instant now) {
		int updated = this.jdbc.sql("update rooms set last_seq = last_seq + 1 where name = ?").param(room).update();
		if (updated != 1) {
			throw new IllegalStateException("No room '" + room + "'");
		}
		long seq = lastSeq(room);
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("insert into messages (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")
			.params(id, room, seq, sender, text, Timestamp.from(now), clientId)
			.update();
		return new ChatMessage(id, room, seq, sender, text, now.toEpochMilli(), clientId);
	}

	/**
	 * The message a sender stored under a client id, if any.
	 */
	Optional<ChatMessage> findByClientId(String sender, String clientId) {
		return this.jdbc.sql("select " + COLUMNS + " from messages where sender = ? and client_id = ?")
			.params(sender, clientId)
			.query(MAPPER)
			.optional();
	}

	/**
	 * The sequence number of a room's newest message, 0 if it has none.
	 */
	public long lastSeq(String room) {
		return this.jdbc.sql("select last_seq from rooms where name = ?")
			.param(room)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/**
	 * A room's messages after a sequence number, oldest first.
	 */
	public List<ChatMessage> after(String room, long seq, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from messages where room = ? and seq > ? order by seq limit ?")
			.params(room, seq, limit)
			.query(MAPPER)
			.list();
	}

	/**
	 * Up to {@code limit} of a room's messages before a sequence number (the newest ones
	 * when it is {@code null}), oldest first.
	 */
	List<ChatMessage> before(String room, Long seq, int limit) {
		List<ChatMessage> newestFirst = this.jdbc
			.sql("select " + COLUMNS + " from messages where room = ? and seq < ? order by seq desc limit ?")
			.params(room, (seq != null) ? seq : Long.MAX_VALUE, limit)
			.query(MAPPER)
			.list();
		List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	private static ChatMessage map(ResultSet rs, int row) throws SQLException {
		return new ChatMessage(rs.getString("id"), rs.getString("room"), rs.getLong("seq"), rs.getString("sender"),
				rs.getString("body"), rs.getTimestamp("created_at").toInstant().toEpochMilli(),
				rs.getString("client_id"));
	}

}
