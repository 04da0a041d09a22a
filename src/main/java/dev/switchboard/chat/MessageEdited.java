package dev.switchboard.chat;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Its sender changed a message's text; broadcast on {@code /topic/rooms.{room}} and the
 * editor's acknowledgement.
 *
 * @param id the edit's own id
 * @param room the room
 * @param seq the edit's position in the room's log
 * @param from who edited (the message's sender)
 * @param target the id of the message changed
 * @param text the new text
 * @param ts when the server stored the edit
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("edit")
public record MessageEdited(String id, String room, long seq, String from, String target, String text,
		long ts) implements RoomEvent {

}
