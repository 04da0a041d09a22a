package dev.switchboard.dashboard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The election of a single instance: it is always the publisher.
 */
@Component
@ConditionalOnBooleanProperty(name = "switchboard.cluster.enabled", havingValue = false, matchIfMissing = true)
class SingleInstanceElection implements PublisherElection {

	@Override
	public boolean lead() {
		return true;
	}

	@Override
	public void resign() {
	}

}
