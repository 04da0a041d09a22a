package dev.switchboard.dashboard;

import dev.switchboard.cluster.ClusterTopicListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * In a cluster, receives every dashboard's ticks from the broker, whichever instance
 * published them, and hands them to the {@link DashboardPublisher} of this instance for
 * its snapshots and event streams.
 */
@Component
@ConditionalOnBooleanProperty("switchboard.cluster.enabled")
class DashboardClusterListener implements ClusterTopicListener {

	private static final Log logger = LogFactory.getLog(DashboardClusterListener.class);

	private final DashboardPublisher publisher;

	private final JsonMapper jsonMapper;

	DashboardClusterListener(@Lazy DashboardPublisher publisher, JsonMapper jsonMapper) {
		this.publisher = publisher;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public String clusterTopic() {
		return DashboardPublisher.CLUSTER_TICKS;
	}

	@Override
	public void handleMessage(Message<?> message) {
		if (!(message.getPayload() instanceof byte[] payload)) {
			return;
		}
		try {
			this.publisher.receive(this.jsonMapper.readValue(payload, DashboardTick.class));
		}
		catch (JacksonException ex) {
			logger.warn("Ignored an unreadable dashboard tick from the broker: " + ex.getOriginalMessage());
		}
	}

}
