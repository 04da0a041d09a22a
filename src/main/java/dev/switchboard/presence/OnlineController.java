package dev.switchboard.presence;

import java.security.Principal;

import dev.switchboard.limits.ConnectionLimits;

import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code SUBSCRIBE /app/presence/online}: one reply with who is online now, on any
 * instance (bounded by {@code switchboard.presence.online-list-size}); the changes that
 * follow come on {@code /topic/presence.online}.
 */
@Controller
class OnlineController {

	private final ConnectionLimits connections;

	private final OnlineAnnouncer announcer;

	private final int max;

	OnlineController(ConnectionLimits connections, OnlineAnnouncer announcer, PresenceProperties properties) {
		this.connections = connections;
		this.announcer = announcer;
		this.max = properties.onlineListSize();
	}

	@SubscribeMapping("/presence/online")
	OnlineUsers online(Principal user) {
		return this.announcer.asAnnounced(this.connections.onlineUsers(this.max), this.connections.onlineCount(),
				(user != null) ? user.getName() : null, this.max);
	}

}
