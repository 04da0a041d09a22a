package dev.switchboard.rooms;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Tells a user on {@code /user/queue/invitations} that they were added to a private room.
 *
 * @param room the room
 * @param from the owner who invited
 * @param user the invited user
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("invitation")
public record Invitation(String room, String from, String user) {

}
