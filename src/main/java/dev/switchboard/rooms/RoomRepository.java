package dev.switchboard.rooms;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores rooms and the members of private rooms.
 */
@Repository
class RoomRepository {

	private final JdbcClient jdbc;

	RoomRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Room> find(String name) {
		return this.jdbc.sql("select name, visibility, owner from rooms where name = ?")
			.param(name)
			.query(Room.class)
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

	boolean isMember(String room, String username) {
		return this.jdbc.sql("select count(*) from room_members where room = ? and username = ?")
			.params(room, username)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Public rooms and the private rooms the user is a member of, by name, after the
	 * given name.
	 */
	List<Room> visibleTo(String username, String after, int limit) {
		return this.jdbc.sql("""
				select name, visibility, owner from rooms
				where name > ?
				  and (visibility = 'PUBLIC' or name in (select room from room_members where username = ?))
				order by name
				limit ?""").param(after).param(username).param(limit).query(Room.class).list();
	}

}
