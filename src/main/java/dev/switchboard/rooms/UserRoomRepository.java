package dev.switchboard.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores the rooms in each user's sidebar with the user's read marker, and counts their
 * unread messages.
 */
@Repository
class UserRoomRepository {

	/** Unread messages are counted up to this many per room. */
	static final int MAX_UNREAD = 100;

	/** The most rooms a sidebar lists. */
	static final int MAX_ROOMS = 500;

	private static final RowMapper<Listed> MAPPER = UserRoomRepository::map;

	private final JdbcClient jdbc;

	UserRoomRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Put a room in a user's sidebar, if it is not there yet.
	 */
	void add(String username, String room) {
		try {
			this.jdbc.sql("insert into user_rooms (username, room) values (?, ?)").params(username, room).update();
		}
		catch (DuplicateKeyException ex) {
			// there already
		}
	}

	/**
	 * Move a user's read marker forward to {@code seq} (never back, nor past the room's
	 * newest seq), putting the room in the sidebar (again) if it was not there or hidden.
	 * @return the read marker now
	 */
	long read(String username, String room, long seq) {
		for (int attempt = 0;; attempt++) {
			int updated = this.jdbc.sql("""
					update user_rooms set hidden = false,
					  read_seq = greatest(read_seq, least(?, (select last_seq from rooms where name = ?)))
					where username = ? and room = ?""").params(seq, room, username, room).update();
			if (updated == 0) {
				try {
					this.jdbc.sql("""
							insert into user_rooms (username, room, read_seq)
							values (?, ?, least(?, (select last_seq from rooms where name = ?)))""")
						.params(username, room, seq, room)
						.update();
				}
				catch (DuplicateKeyException ex) {
					if (attempt < 1) {
						continue; // inserted meanwhile by another connection of the user
					}
					throw ex;
				}
			}
			return this.jdbc.sql("select read_seq from user_rooms where username = ? and room = ?")
				.params(username, room)
				.query(Long.class)
				.single();
		}
	}

	/**
	 * Hide a room of a user's sidebar until it has unread messages or is read.
	 * @return {@code false} if the room is not in the sidebar
	 */
	boolean hide(String username, String room) {
		return this.jdbc.sql("update user_rooms set hidden = true where username = ? and room = ?")
			.params(username, room)
			.update() == 1;
	}

	/**
	 * Take a room out of a user's sidebar.
	 */
	void remove(String username, String room) {
		this.jdbc.sql("delete from user_rooms where username = ? and room = ?").params(username, room).update();
	}

	/**
	 * The users who have a room in their sidebar (hidden or not).
	 */
	List<String> usersOf(String room) {
		return this.jdbc.sql("select username from user_rooms where room = ?").param(room).query(String.class).list();
	}

	/**
	 * A user's sidebar by room name, hidden rooms with nothing unread left out.
	 */
	List<UserRoom> sidebar(String username) {
		return this.jdbc.sql("""
				select r.name, r.visibility, r.owner, r.last_seq, u.read_seq, u.hidden, %s,
				  least(%d, (select count(*) from messages x
				    where x.room = r.name and x.seq > u.read_seq and x.kind = 'message' and x.deleted = false
				      and x.sender <> ?)) as unread
				from user_rooms u join rooms r on r.name = u.room
				where u.username = ?
				order by r.name
				fetch first %d rows only""".formatted(RoomRepository.PEER, MAX_UNREAD, MAX_ROOMS))
			.params(username, username, username, username)
			.query(MAPPER)
			.list()
			.stream()
			.filter((listed) -> !listed.hidden() || listed.room().unread() > 0)
			.map(Listed::room)
			.toList();
	}

	private static Listed map(ResultSet rs, int row) throws SQLException {
		return new Listed(new UserRoom(rs.getString("name"), Visibility.valueOf(rs.getString("visibility")),
				rs.getString("owner"), rs.getString("peer"), rs.getLong("read_seq"), rs.getLong("last_seq"),
				rs.getInt("unread")), rs.getBoolean("hidden"));
	}

	private record Listed(UserRoom room, boolean hidden) {

	}

}
