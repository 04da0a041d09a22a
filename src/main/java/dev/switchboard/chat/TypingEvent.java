package dev.switchboard.chat;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Someone is typing in a room; broadcast to the room except the typing connection, never
 * stored.
 *
 * @param room the room
 * @param from the typing user
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("typing")
public record TypingEvent(String room, String from) {

}
