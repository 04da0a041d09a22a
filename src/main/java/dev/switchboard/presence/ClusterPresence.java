package dev.switchboard.presence;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.switchboard.limits.JdbcConnectionLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps this instance registered as alive in a cluster and takes dead instances out: at
 * each heartbeat it records itself, deletes the instances whose heartbeat expired, and
 * forgets the subscriptions they left behind, broadcasting who thereby left a room, and
 * the connections they left counted against the per-user limit, announcing who thereby
 * went offline. At shutdown it removes itself and whatever subscriptions and connections
 * remain of it.
 *
 * <p>
 * It starts before the web server and stops after it, so no subscription is counted for
 * an instance that is not registered (nor any connection).
 */
class ClusterPresence implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ClusterPresence.class);

	private final PresenceInstances instances;

	private final JdbcPresenceLedger ledger;

	private final JdbcConnectionLedger connections;

	private final PresenceTracker tracker;

	private final OnlineAnnouncer online;

	private final ClusterPresenceProperties properties;

	private ScheduledExecutorService heartbeats;

	ClusterPresence(PresenceInstances instances, JdbcPresenceLedger ledger, JdbcConnectionLedger connections,
			PresenceTracker tracker, OnlineAnnouncer online, ClusterPresenceProperties properties) {
		this.instances = instances;
		this.ledger = ledger;
		this.connections = connections;
		this.tracker = tracker;
		this.online = online;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		this.instances.heartbeat();
		logger.info("Instance {} joined the cluster (heartbeat every {}, dead after {})", this.instances.id(),
				this.properties.heartbeatPeriod(), this.properties.instanceExpiry());
		this.heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "presence-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long period = this.properties.heartbeatPeriod().toMillis();
		this.heartbeats.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		this.heartbeats.shutdownNow();
		this.heartbeats = null;
		try {
			this.instances.remove();
			int swept = this.ledger.sweep(this.tracker::announce);
			int connections = this.connections.sweep(this::offline);
			logger.info("Instance {} left the cluster; {} subscriptions and {} connections left behind removed",
					this.instances.id(), swept, connections);
		}
		catch (RuntimeException ex) {
			logger.warn("Instance {} could not leave the cluster, the others will take it for dead: {}",
					this.instances.id(), ex.toString());
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.heartbeats != null;
	}

	@Override
	public int getPhase() {
		return 0;
	}

	/**
	 * One heartbeat: record this instance, then take out the dead ones.
	 */
	void beat() {
		try {
			if (!this.instances.heartbeat()) {
				logger.warn("Instance {} had been taken for dead and registered anew; "
						+ "the presence of its connections may have been lost", this.instances.id());
			}
			List<String> dead = this.instances.expire(this.properties.instanceExpiry());
			if (!dead.isEmpty()) {
				logger.warn("Instances {} missed their heartbeats for {} and were removed by instance {}", dead,
						this.properties.instanceExpiry(), this.instances.id());
			}
			int swept = this.ledger.sweep(this.tracker::announce);
			int connections = this.connections.sweep(this::offline);
			if (swept > 0 || connections > 0) {
				logger.info("Instance {} removed {} subscriptions and {} connections of dead instances",
						this.instances.id(), swept, connections);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Instance {} could not record its heartbeat: {}", this.instances.id(), ex.toString());
		}
	}

	private void offline(String user) {
		this.online.announce(user, false);
	}

}
