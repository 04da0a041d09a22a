package dev.switchboard.chat;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Its sender deleted a message; broadcast on {@code /topic/rooms.{room}} and the
 * deleter's acknowledgement.
 *
 * @param id the deletion's own id
 * @param room the room
 * @param seq the deletion's position in the room's log
 * @param from who deleted (the message's sender)
 * @param target the id of the message deleted
 * @param ts when the server stored the deletion
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("delete")
public record MessageDeleted(String id, String room, long seq, String from, String target,
		long ts) implements RoomEvent {

}
