package dev.switchboard.rooms;

import java.sql.SQLException;

import javax.sql.DataSource;

import dev.switchboard.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link UserRoomRepositoryContract} on the local PostgreSQL, in a schema of its own;
 * skipped when it is not reachable, unless {@code CI} is set.
 */
class UserRoomRepositoryPostgresTests extends UserRoomRepositoryContract {

	private static PostgresSchema schema;

	@BeforeAll
	static void createSchema() {
		schema = PostgresSchema.create("x_user_rooms");
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		schema.close();
	}

	@Override
	DataSource dataSource() {
		return schema.dataSource();
	}

}
