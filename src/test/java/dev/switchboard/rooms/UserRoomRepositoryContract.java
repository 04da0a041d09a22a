package dev.switchboard.rooms;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserRoomRepository}'s SQL, run by a subclass on each database the
 * application supports: read markers, unread counts, hidden rooms, direct peers.
 */
abstract class UserRoomRepositoryContract {

	JdbcClient jdbc;

	UserRoomRepository userRooms;

	String alice;

	String bob;

	String room;

	abstract DataSource dataSource();

	@BeforeEach
	void setUp() {
		this.jdbc = JdbcClient.create(dataSource());
		this.userRooms = new UserRoomRepository(this.jdbc);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.alice = account("Alice_" + suffix);
		this.bob = account("Bob_" + suffix);
		this.room = "contract-" + suffix;
		this.jdbc.sql("insert into rooms (name, visibility) values (?, 'PUBLIC')").param(this.room).update();
	}

	@Test
	void theReadMarkerMovesOnlyForwardAndNotPastTheNewestSeq() {
		message(this.alice, "message", false);
		message(this.alice, "message", false);
		assertThat(this.userRooms.read(this.bob, this.room, 1)).isEqualTo(1);
		assertThat(this.userRooms.read(this.bob, this.room, 0)).isEqualTo(1);
		assertThat(this.userRooms.read(this.bob, this.room, 99)).isEqualTo(2);
		assertThat(this.userRooms.usersOf(this.room)).containsExactly(this.bob);
	}

	@Test
	void unreadCountsOthersLiveMessagesAfterTheMarkerOnly() {
		this.userRooms.add(this.bob, this.room);
		message(this.alice, "message", false);
		message(this.bob, "message", false); // his own
		message(this.alice, "message", true); // deleted
		message(this.alice, "edit", false); // an edit is not a message
		message(this.alice, "message", false);
		UserRoom entry = this.userRooms.sidebar(this.bob).get(0);
		assertThat(entry.unread()).isEqualTo(2);
		assertThat(entry.lastSeq()).isEqualTo(5);
		this.userRooms.read(this.bob, this.room, 4);
		assertThat(this.userRooms.sidebar(this.bob).get(0).unread()).isEqualTo(1);
	}

	@Test
	void aHiddenRoomIsListedOnlyWhileItHasUnreadMessages() {
		this.userRooms.read(this.bob, this.room, 0);
		assertThat(this.userRooms.hide(this.bob, this.room)).isTrue();
		assertThat(this.userRooms.sidebar(this.bob)).isEmpty();
		message(this.alice, "message", false);
		assertThat(this.userRooms.sidebar(this.bob)).extracting(UserRoom::name).containsExactly(this.room);
		assertThat(this.userRooms.hide(this.alice, this.room)).isFalse();
	}

	@Test
	void aDirectConversationNamesTheOtherPersonToEach() {
		String direct = RoomNames.direct(this.alice, this.bob);
		this.jdbc.sql("insert into rooms (name, visibility) values (?, 'DIRECT')").param(direct).update();
		for (String user : new String[] { this.alice, this.bob }) {
			this.jdbc.sql("insert into room_members (room, username) values (?, ?)").params(direct, user).update();
			this.userRooms.add(user, direct);
		}
		assertThat(this.userRooms.sidebar(this.alice).get(0).peer()).isEqualTo(this.bob);
		assertThat(this.userRooms.sidebar(this.bob).get(0).peer()).isEqualTo(this.alice);
		assertThat(this.userRooms.sidebar(this.bob).get(0).visibility()).isEqualTo(Visibility.DIRECT);
	}

	private String account(String name) {
		this.jdbc.sql("insert into accounts (username, username_key, password_hash) values (?, ?, 'x')")
			.params(name, name.toLowerCase())
			.update();
		return name;
	}

	private void message(String sender, String kind, boolean deleted) {
		this.jdbc.sql("update rooms set last_seq = last_seq + 1 where name = ?").param(this.room).update();
		long seq = this.jdbc.sql("select last_seq from rooms where name = ?")
			.param(this.room)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into messages (id, room, seq, sender, body, created_at, kind, deleted)
				values (?, ?, ?, ?, 'text', ?, ?, ?)""")
			.params(UUID.randomUUID().toString(), this.room, seq, sender, Timestamp.from(Instant.now()), kind, deleted)
			.update();
	}

}
