package dev.switchboard.presence;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A user came online (their first connection opened, on any instance) or went offline
 * (their last one closed); broadcast on {@code /topic/presence.online} once it has held
 * for the coalescing window.
 *
 * @param user the user
 * @param state {@code online} or {@code offline}
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("online")
public record OnlineEvent(String user, String state) {

	static final String ONLINE = "online";

	static final String OFFLINE = "offline";

	static OnlineEvent of(String user, boolean online) {
		return new OnlineEvent(user, online ? ONLINE : OFFLINE);
	}

}
