package dev.switchboard.chat;

/**
 * Payload of {@code SEND /app/rooms/{room}/messages/{id}/edit}.
 *
 * @param text the message's new text
 */
public record EditMessageRequest(String text) {

}
