package dev.switchboard.dashboard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * The election of a cluster, on PostgreSQL: the publisher is the instance whose own
 * connection holds a session-level advisory lock; the others try to take it every tick,
 * and get it within a tick once the publisher stops, crashes or loses its connection.
 *
 * <p>
 * The lock is held on a connection of its own, outside the pool (a pooled connection
 * would hand the lock to whichever code borrows it next). Its key is made of a fixed
 * class id and a hash of the schema, so that deployments sharing one database in
 * different schemas elect their publishers apart. The publisher checks its connection
 * every tick and steps down when it is gone, since PostgreSQL then releases the lock to
 * another instance.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class PostgresPublisherElection implements PublisherElection, DisposableBean {

	/** The advisory lock's class id, "SWBD". */
	static final int LOCK_CLASS = 0x53574244;

	private static final String TRY_LOCK = "select pg_try_advisory_lock(?, hashtext(current_schema()))";

	private static final String UNLOCK = "select pg_advisory_unlock(?, hashtext(current_schema()))";

	private static final int TIMEOUT_SECONDS = 2;

	private static final Log logger = LogFactory.getLog(PostgresPublisherElection.class);

	private final JdbcConnectionDetails database;

	private Connection connection;

	private boolean leading;

	private boolean closed;

	PostgresPublisherElection(JdbcConnectionDetails database) {
		this.database = database;
	}

	@Override
	public synchronized boolean lead() {
		if (this.closed) {
			return false;
		}
		try {
			if (this.connection == null) {
				this.connection = connect();
			}
			if (this.leading) {
				if (!this.connection.isValid(TIMEOUT_SECONDS)) {
					throw new SQLException("the lock's connection is no longer valid");
				}
			}
			else if (tryLock()) {
				this.leading = true;
				logger.info("This instance now publishes the dashboards of the cluster");
			}
		}
		catch (SQLException ex) {
			if (this.leading) {
				logger.warn("This instance stops publishing the dashboards: " + ex.getMessage());
			}
			else {
				logger.debug("Could not take part in the dashboard publisher election: " + ex.getMessage());
			}
			disconnect();
		}
		return this.leading;
	}

	@Override
	public synchronized void resign() {
		if (this.leading) {
			try (PreparedStatement unlock = this.connection.prepareStatement(UNLOCK)) {
				unlock.setInt(1, LOCK_CLASS);
				unlock.execute();
				this.leading = false;
				logger.info("This instance no longer publishes the dashboards of the cluster");
			}
			catch (SQLException ex) {
				disconnect(); // which releases the lock as well
			}
		}
	}

	@Override
	public void destroy() {
		resign();
		synchronized (this) {
			this.closed = true;
			disconnect();
		}
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		if (this.database.getUsername() != null) {
			properties.setProperty("user", this.database.getUsername());
		}
		if (this.database.getPassword() != null) {
			properties.setProperty("password", this.database.getPassword());
		}
		properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
		properties.setProperty("socketTimeout", Integer.toString(2 * TIMEOUT_SECONDS));
		properties.setProperty("ApplicationName", "switchboard dashboard publisher election");
		Connection connection = DriverManager.getConnection(this.database.getJdbcUrl(), properties);
		connection.setAutoCommit(true);
		return connection;
	}

	private boolean tryLock() throws SQLException {
		try (PreparedStatement lock = this.connection.prepareStatement(TRY_LOCK)) {
			lock.setInt(1, LOCK_CLASS);
			try (ResultSet result = lock.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	/**
	 * Close the connection, which ends the session and so releases its lock.
	 */
	private void disconnect() {
		this.leading = false;
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// gone already
			}
			this.connection = null;
		}
	}

}
