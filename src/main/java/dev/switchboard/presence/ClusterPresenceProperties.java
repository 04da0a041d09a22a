package dev.switchboard.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances of a cluster tell each other they are alive, under
 * {@code switchboard.cluster.presence} (used only when
 * {@code switchboard.cluster.enabled} is true).
 *
 * @param heartbeatPeriod how often an instance records that it is alive and looks for
 * dead ones (default 5s)
 * @param instanceExpiry how long after its last heartbeat an instance counts as dead
 * (default 20s); its connections then leave their rooms
 */
@ConfigurationProperties("switchboard.cluster.presence")
public record ClusterPresenceProperties(@DefaultValue("5s") Duration heartbeatPeriod,
		@DefaultValue("20s") Duration instanceExpiry) {

}
