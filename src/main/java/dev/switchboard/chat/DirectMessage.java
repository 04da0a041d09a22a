package dev.switchboard.chat;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A message from one user to another, delivered on {@code /user/queue/messages} to every
 * connection of both.
 *
 * @param id server-assigned unique id
 * @param from the sender
 * @param to the recipient
 * @param text the text, verbatim
 * @param ts when the server accepted it, in milliseconds since the epoch
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("direct")
public record DirectMessage(String id, String from, String to, String text, long ts) {

}
