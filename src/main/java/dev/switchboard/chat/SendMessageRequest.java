package dev.switchboard.chat;

/**
 * Payload of {@code SEND /app/rooms/{room}/messages} and {@code SEND
 * /app/users/{username}/messages}.
 *
 * @param text the message text
 */
public record SendMessageRequest(String text) {

}
