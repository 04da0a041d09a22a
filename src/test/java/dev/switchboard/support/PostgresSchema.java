package dev.switchboard.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own on the local PostgreSQL (127.0.0.1:5432, user {@code postgres},
 * database {@code test}), migrated with the application's schema and dropped by
 * {@link #close()}; its tests are skipped when PostgreSQL is not reachable, unless the
 * environment variable {@code CI} is set, when they fail.
 */
public final class PostgresSchema implements AutoCloseable {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String USER = "postgres";

	private final String name;

	private final HikariDataSource dataSource;

	private final String unreachable;

	private PostgresSchema(String name, HikariDataSource dataSource, String unreachable) {
		this.name = name;
		this.dataSource = dataSource;
		this.unreachable = unreachable;
	}

	/**
	 * Create and migrate a new schema whose name starts with the prefix.
	 */
	public static PostgresSchema create(String prefix) {
		String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
		try {
			execute("create schema " + name);
		}
		catch (SQLException ex) {
			if (System.getenv("CI") != null) {
				throw new IllegalStateException("PostgreSQL is not reachable at " + URL, ex);
			}
			return new PostgresSchema(name, null, "PostgreSQL is not reachable at " + URL + " as " + USER + " ("
					+ ex.getMessage() + "): skipping (these tests fail instead when CI is set)");
		}
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(URL + "?currentSchema=" + name);
		dataSource.setUsername(USER);
		dataSource.setMaximumPoolSize(4);
		Flyway.configure().dataSource(dataSource).schemas(name).locations("classpath:db/migration").load().migrate();
		return new PostgresSchema(name, dataSource, null);
	}

	/**
	 * The schema's data source; skips the calling test if PostgreSQL is not reachable.
	 */
	public DataSource dataSource() {
		Assumptions.assumeTrue(this.unreachable == null, this.unreachable);
		return this.dataSource;
	}

	@Override
	public void close() throws SQLException {
		if (this.dataSource != null) {
			this.dataSource.close();
			execute("drop schema " + this.name + " cascade");
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
