package dev.switchboard.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Running several instances as one, under {@code switchboard.cluster}: the
 * {@code cluster} profile turns it on, relaying {@code /topic} and {@code /queue} to
 * RabbitMQ's STOMP plugin instead of the in-memory broker.
 *
 * @param enabled whether this instance is one of a cluster (default {@code false}: a
 * single instance with the in-memory broker)
 * @param relay the connection to RabbitMQ's STOMP plugin
 */
@ConfigurationProperties("switchboard.cluster")
public record ClusterProperties(@DefaultValue("false") boolean enabled, @DefaultValue Relay relay) {

	/**
	 * Where and how to reach the STOMP broker. Each client connection gets its own
	 * connection to the broker with the client login; the instance itself publishes on
	 * one shared "system" connection with the system login.
	 *
	 * @param host the broker's host (default {@code 127.0.0.1})
	 * @param port the broker's STOMP port (default 61613)
	 * @param virtualHost the virtual host (default {@code /})
	 * @param clientLogin the login for client connections (default {@code guest})
	 * @param clientPasscode the passcode for client connections (default {@code guest})
	 * @param systemLogin the login for the shared system connection (default
	 * {@code guest})
	 * @param systemPasscode the passcode for the shared system connection (default
	 * {@code guest})
	 * @param systemHeartbeatSend how often the system connection sends a heart-beat
	 * (default 10 s)
	 * @param systemHeartbeatReceive how often the broker must send one on the system
	 * connection (default 10 s); a silent broker is then taken as gone and reconnected
	 */
	public record Relay(@DefaultValue("127.0.0.1") String host, @DefaultValue("61613") int port,
			@DefaultValue("/") String virtualHost, @DefaultValue("guest") String clientLogin,
			@DefaultValue("guest") String clientPasscode, @DefaultValue("guest") String systemLogin,
			@DefaultValue("guest") String systemPasscode, @DefaultValue("10s") Duration systemHeartbeatSend,
			@DefaultValue("10s") Duration systemHeartbeatReceive) {

	}

}
