package dev.switchboard.rooms;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A room in a user's sidebar, from {@code GET /api/me/rooms}.
 *
 * @param name the room's name
 * @param visibility {@code public}, {@code private} or {@code direct}
 * @param owner the owner of a private room, otherwise absent
 * @param peer the other person of a direct conversation, otherwise absent
 * @param readSeq the highest seq the user has read (0: none)
 * @param lastSeq the room's newest seq
 * @param unread how many messages of others came after {@code readSeq}, counted up to
 * {@value UserRoomRepository#MAX_UNREAD}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserRoom(String name, Visibility visibility, String owner, String peer, long readSeq, long lastSeq,
		int unread) {

}
