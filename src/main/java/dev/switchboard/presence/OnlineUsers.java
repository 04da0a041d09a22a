package dev.switchboard.presence;

import java.util.List;

/**
 * The reply to {@code SUBSCRIBE /app/presence/online}: who is online now, on any
 * instance.
 *
 * @param users the first users online by name, at most
 * {@code switchboard.presence.online-list-size} of them
 * @param total how many users are online in all ({@code users} lists them all when it has
 * this many)
 */
public record OnlineUsers(List<String> users, int total) {

}
