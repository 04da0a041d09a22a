package dev.switchboard.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A stored chat message, as broadcast on {@code /topic/rooms.{room}}; read back from
 * storage, it has its current text.
 *
 * @param id server-assigned unique id
 * @param room the room
 * @param seq the message's position in the room: 1, 2, 3, … without gaps
 * @param from the sender's user name
 * @param text the text, verbatim ({@code null} once deleted)
 * @param ts when the server stored it, in milliseconds since the epoch
 * @param clientId the id the sending client gave the message, if any
 * @param edited {@code true} if its sender changed the text since, otherwise absent
 * @param deleted {@code true} if its sender deleted it, otherwise absent
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("message")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String id, String room, long seq, String from, String text, long ts, String clientId,
		Boolean edited, Boolean deleted) implements RoomEvent {

	ChatMessage(String id, String room, long seq, String from, String text, long ts, String clientId) {
		this(id, room, seq, from, text, ts, clientId, null, null);
	}

	/**
	 * Whether its sender deleted it.
	 */
	boolean isDeleted() {
		return Boolean.TRUE.equals(this.deleted);
	}

}
