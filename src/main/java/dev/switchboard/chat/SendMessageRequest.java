package dev.switchboard.chat;

/**
 * Payload of {@code SEND /app/rooms/{room}/messages} and {@code SEND
 * /app/users/{username}/messages}.
 *
 * @param text the message text
 * @param clientId an id the client chose ({@code [A-Za-z0-9_-]{1,64}}), so that a retried
 * send is stored only once; optional
 */
public record SendMessageRequest(String text, String clientId) {

}
