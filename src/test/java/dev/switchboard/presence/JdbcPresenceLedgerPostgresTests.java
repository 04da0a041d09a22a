package dev.switchboard.presence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Tests for {@link JdbcPresenceLedger} on the local PostgreSQL (127.0.0.1:5432, user
 * {@code postgres}, database {@code test}), in a schema of their own. Skipped when it is
 * not reachable, unless the environment variable {@code CI} is set.
 */
class JdbcPresenceLedgerPostgresTests extends JdbcPresenceLedgerContract {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String USER = "postgres";

	private static final String SCHEMA = "x_presence_" + UUID.randomUUID().toString().replace("-", "");

	private static HikariDataSource dataSource;

	private static String unreachable;

	@BeforeAll
	static void createSchema() throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("create schema " + SCHEMA);
		}
		catch (SQLException ex) {
			if (System.getenv("CI") != null) {
				throw ex;
			}
			unreachable = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + ex.getMessage()
					+ "): skipping the PostgreSQL presence tests (they fail instead when CI is set)";
			return;
		}
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(URL + "?currentSchema=" + SCHEMA);
		dataSource.setUsername(USER);
		dataSource.setMaximumPoolSize(20);
		Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		if (dataSource == null) {
			return;
		}
		dataSource.close();
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("drop schema " + SCHEMA + " cascade");
		}
	}

	@AfterEach
	void deletePresenceRows() {
		if (dataSource == null) {
			return;
		}
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("delete from presence_subscriptions");
			statement.execute("delete from presence_instances");
			statement.execute("delete from presence_rooms");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	DataSource dataSource() {
		Assumptions.assumeTrue(unreachable == null, unreachable);
		return dataSource;
	}

}
