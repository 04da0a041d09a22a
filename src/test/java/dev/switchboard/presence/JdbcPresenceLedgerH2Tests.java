package dev.switchboard.presence;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Tests for {@link JdbcPresenceLedger} on H2 in PostgreSQL mode, a fresh database per
 * test.
 */
class JdbcPresenceLedgerH2Tests extends JdbcPresenceLedgerContract {

	private final DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:presence-" + UUID.randomUUID()
			+ ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000",
			"sa", "");

	JdbcPresenceLedgerH2Tests() {
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
	}

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

}
