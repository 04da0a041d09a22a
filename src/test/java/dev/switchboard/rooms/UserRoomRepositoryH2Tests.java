package dev.switchboard.rooms;

import javax.sql.DataSource;

import dev.switchboard.support.TestDatabase;

/**
 * {@link UserRoomRepositoryContract} on the embedded H2 database the application uses by
 * default.
 */
class UserRoomRepositoryH2Tests extends UserRoomRepositoryContract {

	private final DataSource dataSource = TestDatabase.dataSource();

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

}
