package dev.switchboard.cluster;

import org.springframework.messaging.MessageHandler;

/**
 * A bean that receives, in a cluster, every message the broker delivers on one topic to
 * this instance's own ("system") broker connection, whichever instance published it.
 */
public interface RelayTopicListener extends MessageHandler {

	/**
	 * The broker destination to subscribe to, such as {@code /topic/switchboard.x}: an
	 * exact name, since the relay hands a message to the listener whose destination
	 * equals the message's.
	 */
	String relayTopic();

}
