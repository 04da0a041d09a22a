package dev.switchboard.cluster;

import org.springframework.messaging.MessageHandler;

/**
 * A bean that receives, in a cluster, every message another instance publishes to one
 * topic, whether or not a client of this instance subscribes to it, instead of the
 * in-memory broker.
 */
public interface ClusterTopicListener extends MessageHandler {

	/**
	 * The destination to receive, such as {@code /topic/switchboard.x}: an exact name.
	 */
	String clusterTopic();

}
