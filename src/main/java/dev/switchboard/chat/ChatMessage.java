package dev.switchboard.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A stored chat message, as broadcast on {@code /topic/rooms.{room}}.
 *
 * @param id server-assigned unique id
 * @param room the room
 * @param seq the message's position in the room: 1, 2, 3, … without gaps
 * @param from the sender's user name
 * @param text the text, verbatim
 * @param ts when the server stored it, in milliseconds since the epoch
 * @param clientId the id the sending client gave the message, if any
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("message")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String id, String room, long seq, String from, String text, long ts, String clientId) {

}
