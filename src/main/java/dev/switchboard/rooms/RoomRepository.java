package dev.switchboard.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores rooms and the members of private rooms and direct conversations.
 */
@Repository
class RoomRepository {

	private static final RowMapper<Room> MAPPER = RoomRepository::map;

	/**
	 * The column {@code peer} of a room {@code r}: for a direct conversation, its other
	 * member than the user given as the first parameter, or the user (given again as the
	 * second) in a conversation with oneself.
	 */
	static final String PEER = """
			case when r.visibility = 'DIRECT' then coalesce(
			  (select min(m.username) from room_members m where m.room = r.name and m.username <> ?), ?) end as peer""";

	private final JdbcClient jdbc;

	RoomRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Room> find(String name) {
		return this.jdbc.sql("select name, visibility, owner, null as peer from rooms where name = ?")
			.param(name)
			.query(MAPPER)
			.optional();
	}

	/**
	 * Insert a room.
	 * @return {@code false} if a room of that name exists
	 */
	boolean insert(Room room) {
		try {
			this.jdbc.sql("insert into rooms (name, visibility, owner) values (?, ?, ?)")
				.params(room.name(), room.visibility().name(), room.owner())
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	void addMember(String room, String username, String invitedBy) {
		try {
			this.jdbc.sql("insert into room_members (room, username, invited_by) values (?, ?, ?)")
				.params(room, username, invitedBy)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// already a member
		}
	}

	void removeMember(String room, String username) {
		this.jdbc.sql("delete from room_members where room = ? and username = ?").params(room, username).update();
	}

	boolean isMember(String room, String username) {
		return this.jdbc.sql("select count(*) from room_members where room = ? and username = ?")
			.params(room, username)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Public rooms, and the private rooms and direct conversations the user is a member
	 * of, by name, after the given name; a direct conversation names the other person.
	 */
	List<Room> visibleTo(String username, String after, int limit) {
		return this.jdbc.sql("""
				select r.name, r.visibility, r.owner, %s
				from rooms r
				where r.name > ?
				  and (r.visibility = 'PUBLIC' or r.name in (select room from room_members where username = ?))
				order by r.name
				limit ?""".formatted(PEER)).params(username, username, after, username, limit).query(MAPPER).list();
	}

	private static Room map(ResultSet rs, int row) throws SQLException {
		return new Room(rs.getString("name"), Visibility.valueOf(rs.getString("visibility")), rs.getString("owner"),
				rs.getString("peer"));
	}

}
