package dev.switchboard.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.switchboard.cluster.ClusterConnection;
import dev.switchboard.cluster.ClusterProperties;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseStreams;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Samples every dashboard once per tick and publishes the tick on its topic (while the
 * broker is available) and to its event streams. Neither blocks: slow clients of either
 * kind skip to the newest tick.
 *
 * <p>
 * In a cluster, one instance publishes, chosen by the {@link PublisherElection}, and only
 * while its broker connection is up; the others keep sampling (so that a dashboard's
 * rates and state are current when one of them takes over) but drop the samples. Every
 * instance {@link #receive receives} the published ticks from the broker (on
 * {@value #CLUSTER_TICKS}) into its dashboards' history and its event streams, so all
 * clients see one stream per dashboard, whichever instance they are connected to.
 */
@Service
public class DashboardPublisher {

	static final String TOPIC_PREFIX = "/topic/dashboard.";

	static final String STREAM_PREFIX = "dashboard.";

	/**
	 * The topic on which the publishing instance of a cluster hands every tick to all
	 * instances, beside the dashboard's own topic (which reaches only instances with a
	 * subscriber): every instance keeps every dashboard's history and event streams.
	 */
	static final String CLUSTER_TICKS = "/topic/switchboard.dashboard-ticks";

	private static final Log logger = LogFactory.getLog(DashboardPublisher.class);

	private final Dashboards dashboards;

	private final SimpMessageSendingOperations messaging;

	private final SseStreams streams;

	private final JsonMapper jsonMapper;

	private final PublisherElection election;

	private final boolean cluster;

	private volatile boolean clusterConnected;

	private volatile boolean brokerAvailable;

	private volatile boolean leading;

	private volatile String source = host();

	DashboardPublisher(Dashboards dashboards, SimpMessageSendingOperations messaging, SseStreams streams,
			JsonMapper jsonMapper, PublisherElection election, ClusterProperties cluster) {
		this.dashboards = dashboards;
		this.messaging = messaging;
		this.streams = streams;
		this.jsonMapper = jsonMapper;
		this.election = election;
		this.cluster = cluster.enabled();
	}

	@EventListener
	void onBrokerAvailability(BrokerAvailabilityEvent event) {
		this.brokerAvailable = event.isBrokerAvailable();
	}

	@EventListener
	void onClusterConnection(ClusterConnection event) {
		this.clusterConnected = event.connected();
	}

	@EventListener
	void onWebServerInitialized(WebServerInitializedEvent event) {
		this.source = host() + ":" + event.getWebServer().getPort();
	}

	@Scheduled(fixedRateString = "${switchboard.dashboard.tick-period:1s}")
	void tickAll() {
		boolean leading = elect();
		for (DashboardFeed feed : this.dashboards.feeds()) {
			try {
				if (leading) {
					tickAndPublish(feed);
				}
				else {
					feed.sampleOnly();
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to sample dashboard '" + feed.dashboard().name() + "'", ex);
			}
		}
	}

	/**
	 * Sample one dashboard now and publish the tick, in between the regular ones; for a
	 * source that wants its news shown at once. In a cluster, only the publishing
	 * instance does; on the others the news shows with the publisher's next tick.
	 * @return the tick, or {@code null} on an instance of a cluster that does not publish
	 */
	public DashboardTick tick(String name) {
		DashboardFeed feed = this.dashboards.feed(name);
		if (feed == null) {
			throw new IllegalArgumentException("No dashboard '" + name + "'");
		}
		return (!this.cluster || this.leading) ? tickAndPublish(feed) : null;
	}

	/**
	 * Take a tick that the publishing instance of the cluster sent through the broker:
	 * keep it in its dashboard's history and hand it to the event streams, unless it is
	 * one this instance has already (its own, or an older one).
	 */
	void receive(DashboardTick tick) {
		DashboardFeed feed = this.dashboards.feed(tick.name());
		if (feed == null) {
			return; // an instance with other dashboards
		}
		synchronized (feed) {
			if (feed.accept(tick)) {
				publishToStreams(tick);
			}
		}
	}

	private boolean elect() {
		if (this.cluster && (!this.brokerAvailable || !this.clusterConnected)) {
			this.election.resign(); // the others could not see what this one publishes
			this.leading = false;
		}
		else {
			this.leading = this.election.lead();
		}
		return this.leading;
	}

	/**
	 * Ticks of one dashboard are published in id order, even from two threads.
	 */
	private DashboardTick tickAndPublish(DashboardFeed feed) {
		synchronized (feed) {
			DashboardTick tick = this.cluster ? feed.tickInCluster(this.source) : feed.tick();
			if (this.brokerAvailable) {
				this.messaging.convertAndSend(TOPIC_PREFIX + tick.name(), tick);
				if (this.cluster) {
					this.messaging.convertAndSend(CLUSTER_TICKS, tick);
				}
			}
			publishToStreams(tick);
			return tick;
		}
	}

	private void publishToStreams(DashboardTick tick) {
		this.streams.publish(STREAM_PREFIX + tick.name(),
				SseEvent.of(tick.id(), "tick", this.jsonMapper.writeValueAsString(tick)));
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
