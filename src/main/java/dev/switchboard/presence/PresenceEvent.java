package dev.switchboard.presence;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A user's first connection joined a room, or their last one left it; broadcast on
 * {@code /topic/rooms.{room}}.
 *
 * @param room the room
 * @param user the user
 * @param state {@code joined} or {@code left}
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("presence")
public record PresenceEvent(String room, String user, String state) {

	static final String JOINED = "joined";

	static final String LEFT = "left";

}
