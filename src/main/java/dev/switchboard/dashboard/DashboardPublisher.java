package dev.switchboard.dashboard;

import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseStreams;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Samples every dashboard once per tick and publishes the tick on its topic (while the
 * broker is available) and to its event streams. Neither blocks: slow clients of either
 * kind skip to the newest tick.
 */
@Service
public class DashboardPublisher {

	static final String TOPIC_PREFIX = "/topic/dashboard.";

	static final String STREAM_PREFIX = "dashboard.";

	private static final Log logger = LogFactory.getLog(DashboardPublisher.class);

	private final Dashboards dashboards;

	private final SimpMessageSendingOperations messaging;

	private final SseStreams streams;

	private final JsonMapper jsonMapper;

	private volatile boolean brokerAvailable;

	DashboardPublisher(Dashboards dashboards, SimpMessageSendingOperations messaging, SseStreams streams,
			JsonMapper jsonMapper) {
		this.dashboards = dashboards;
		this.messaging = messaging;
		this.streams = streams;
		this.jsonMapper = jsonMapper;
	}

	@EventListener
	void onBrokerAvailability(BrokerAvailabilityEvent event) {
		this.brokerAvailable = event.isBrokerAvailable();
	}

	@Scheduled(fixedRateString = "${switchboard.dashboard.tick-period:1s}")
	void tickAll() {
		for (DashboardFeed feed : this.dashboards.feeds()) {
			try {
				tickAndPublish(feed);
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to sample dashboard '" + feed.dashboard().name() + "'", ex);
			}
		}
	}

	/**
	 * Sample one dashboard now and publish the tick, in between the regular ones; for a
	 * source that wants its news shown at once.
	 * @return the tick
	 */
	public DashboardTick tick(String name) {
		DashboardFeed feed = this.dashboards.feed(name);
		if (feed == null) {
			throw new IllegalArgumentException("No dashboard '" + name + "'");
		}
		return tickAndPublish(feed);
	}

	/**
	 * Ticks of one dashboard are published in id order, even from two threads.
	 */
	private DashboardTick tickAndPublish(DashboardFeed feed) {
		synchronized (feed) {
			DashboardTick tick = feed.tick();
			publish(tick);
			return tick;
		}
	}

	private void publish(DashboardTick tick) {
		if (this.brokerAvailable) {
			this.messaging.convertAndSend(TOPIC_PREFIX + tick.name(), tick);
		}
		this.streams.publish(STREAM_PREFIX + tick.name(),
				SseEvent.of(tick.id(), "tick", this.jsonMapper.writeValueAsString(tick)));
	}

}
