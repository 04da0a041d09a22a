package dev.switchboard.chat;

import java.util.List;

/**
 * A page of a room's history, from {@code GET /api/rooms/{room}/messages}.
 *
 * @param room the room
 * @param messages the messages, oldest first
 * @param hasMore whether older messages exist
 */
public record History(String room, List<ChatMessage> messages, boolean hasMore) {

}
