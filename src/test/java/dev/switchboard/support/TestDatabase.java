package dev.switchboard.support;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh in-memory database with the application's schema, for handler-level tests of
 * code that reads or writes it.
 */
public final class TestDatabase {

	private TestDatabase() {
	}

	/**
	 * Create a new, migrated database and return a client for it.
	 */
	public static JdbcClient create() {
		return JdbcClient.create(dataSource());
	}

	/**
	 * Create a new, migrated database.
	 */
	public static DataSource dataSource() {
		DataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:unit-" + UUID.randomUUID()
						+ ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return dataSource;
	}

}
