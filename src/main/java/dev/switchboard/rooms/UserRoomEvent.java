package dev.switchboard.rooms;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A change to a user's sidebar, sent to every connection of the user on
 * {@code /user/queue/rooms}: {@code read} (read up to {@code seq}), {@code hidden},
 * {@code left}, or {@code activity} (a message arrived in a room of the sidebar).
 *
 * @param type {@code read}, {@code hidden}, {@code left} or {@code activity}
 * @param room the room
 * @param seq {@code read}: the read marker now; {@code activity}: the message's seq
 * @param from {@code activity}: the sender
 * @param text {@code activity}: the text, only in a direct conversation or when it
 * mentions the user (for a notification), at most 200 characters
 * @param mention {@code activity}: {@code true} if the message mentions the user as
 * {@code @name}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserRoomEvent(String type, String room, Long seq, String from, String text, Boolean mention) {

	static UserRoomEvent read(String room, long seq) {
		return new UserRoomEvent("read", room, seq, null, null, null);
	}

	static UserRoomEvent of(String type, String room) {
		return new UserRoomEvent(type, room, null, null, null, null);
	}

}
