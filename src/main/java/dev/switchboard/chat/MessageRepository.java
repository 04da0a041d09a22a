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
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Stores a room's log (messages, edits, deletions) with gap-free per-room sequence
 * numbers, and reads it back.
 */
@Repository
public class MessageRepository {

	private static final String COLUMNS = "id, room, seq, sender, body, created_at, client_id";

	private static final String READ_COLUMNS = COLUMNS + ", kind, target, edited, deleted";

	private static final RowMapper<RoomEvent> MAPPER = MessageRepository::map;

	private static final RowMapper<ChatMessage> MESSAGE_MAPPER = (rs, row) -> (ChatMessage) map(rs, row);

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
		long seq = nextSeq(room);
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("insert into messages (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")
			.params(id, room, seq, sender, text, Timestamp.from(now), clientId)
			.update();
		return new ChatMessage(id, room, seq, sender, text, now.toEpochMilli(), clientId);
	}

	/**
	 * Store an edit of a message as the room's next entry, and give the message its new
	 * text.
	 * @return the edit, or {@code null} if the message is deleted (nothing was stored)
	 */
	@Transactional
	MessageEdited edit(ChatMessage target, String text, Instant now) {
		long seq = nextSeq(target.room());
		if (this.jdbc.sql("update messages set body = ?, edited = true where id = ? and deleted = false")
			.params(text, target.id())
			.update() != 1) {
			rollback();
			return null;
		}
		String id = insertChange(target, seq, "edit", text, now);
		return new MessageEdited(id, target.room(), seq, target.from(), target.id(), text, now.toEpochMilli());
	}

	/**
	 * Store the deletion of a message as the room's next entry, and empty the message.
	 * @return the deletion, or {@code null} if the message was deleted already (nothing
	 * was stored)
	 */
	@Transactional
	MessageDeleted delete(ChatMessage target, Instant now) {
		long seq = nextSeq(target.room());
		if (this.jdbc.sql("update messages set body = '', deleted = true where id = ? and deleted = false")
			.param(target.id())
			.update() != 1) {
			rollback();
			return null;
		}
		String id = insertChange(target, seq, "delete", "", now);
		return new MessageDeleted(id, target.room(), seq, target.from(), target.id(), now.toEpochMilli());
	}

	/**
	 * The deletion of a message, if it was deleted.
	 */
	Optional<MessageDeleted> findDeletion(String targetId) {
		return this.jdbc.sql("select " + READ_COLUMNS + " from messages where target = ? and kind = 'delete'")
			.param(targetId)
			.query(MAPPER)
			.optional()
			.map(MessageDeleted.class::cast);
	}

	/**
	 * A message (not an edit or deletion) by id, with its current text.
	 */
	Optional<ChatMessage> findMessage(String id) {
		return this.jdbc.sql("select " + READ_COLUMNS + " from messages where id = ? and kind = 'message'")
			.param(id)
			.query(MESSAGE_MAPPER)
			.optional();
	}

	/**
	 * The message a sender stored under a client id, if any.
	 */
	Optional<ChatMessage> findByClientId(String sender, String clientId) {
		return this.jdbc.sql("select " + READ_COLUMNS + " from messages where sender = ? and client_id = ?")
			.params(sender, clientId)
			.query(MESSAGE_MAPPER)
			.optional();
	}

	/**
	 * Take the room's next sequence number; the room row stays locked until commit, so
	 * concurrent writers to one room (on any instance) get consecutive numbers.
	 */
	private long nextSeq(String room) {
		int updated = this.jdbc.sql("update rooms set last_seq = last_seq + 1 where name = ?").param(room).update();
		if (updated != 1) {
			throw new IllegalStateException("No room '" + room + "'");
		}
		return lastSeq(room);
	}

	private String insertChange(ChatMessage target, long seq, String kind, String text, Instant now) {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("insert into messages (" + COLUMNS + ", kind, target) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, target.room(), seq, target.from(), text, Timestamp.from(now), null, kind, target.id())
			.update();
		return id;
	}

	/** Undo the transaction when nothing was changed: the seq taken is given back. */
	private static void rollback() {
		TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
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
	 * A room's log after a sequence number, oldest first; messages with their current
	 * text.
	 */
	public List<RoomEvent> after(String room, long seq, int limit) {
		return this.jdbc
			.sql("select " + READ_COLUMNS + " from messages where room = ? and seq > ? order by seq limit ?")
			.params(room, seq, limit)
			.query(MAPPER)
			.list();
	}

	/**
	 * Up to {@code limit} of a room's messages (not its edits and deletions) before a
	 * sequence number (the newest ones when it is {@code null}), oldest first, with their
	 * current text.
	 */
	List<ChatMessage> before(String room, Long seq, int limit) {
		List<ChatMessage> newestFirst = this.jdbc
			.sql("select " + READ_COLUMNS
					+ " from messages where room = ? and seq < ? and kind = 'message' order by seq desc limit ?")
			.params(room, (seq != null) ? seq : Long.MAX_VALUE, limit)
			.query(MESSAGE_MAPPER)
			.list();
		List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		return oldestFirst;
	}

	private static RoomEvent map(ResultSet rs, int row) throws SQLException {
		String id = rs.getString("id");
		String room = rs.getString("room");
		long seq = rs.getLong("seq");
		String sender = rs.getString("sender");
		long ts = rs.getTimestamp("created_at").toInstant().toEpochMilli();
		return switch (rs.getString("kind")) {
			case "edit" -> new MessageEdited(id, room, seq, sender, rs.getString("target"), rs.getString("body"), ts);
			case "delete" -> new MessageDeleted(id, room, seq, sender, rs.getString("target"), ts);
			default -> {
				boolean deleted = rs.getBoolean("deleted");
				yield new ChatMessage(id, room, seq, sender, deleted ? null : rs.getString("body"), ts,
						rs.getString("client_id"), rs.getBoolean("edited") ? Boolean.TRUE : null,
						deleted ? Boolean.TRUE : null);
			}
		};
	}

}
