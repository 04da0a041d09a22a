package dev.switchboard.rooms;

import java.security.Principal;
import java.util.List;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The user's sidebar: {@code GET /api/me/rooms}, and {@code SEND /app/rooms/{room}/read},
 * {@code …/hide} and {@code …/leave}; each answer is also the sender's acknowledgement.
 */
@Controller
class UserRoomsController {

	private final UserRooms userRooms;

	UserRoomsController(UserRooms userRooms) {
		this.userRooms = userRooms;
	}

	@GetMapping("/api/me/rooms")
	@ResponseBody
	Sidebar sidebar(Principal user) {
		return new Sidebar(this.userRooms.sidebar(user.getName()));
	}

	@MessageMapping("/rooms/{room}/read")
	UserRoomEvent read(@DestinationVariable String room, @Payload ReadRequest request, Principal user) {
		return this.userRooms.read(room, user.getName(), request.seq());
	}

	@MessageMapping("/rooms/{room}/hide")
	UserRoomEvent hide(@DestinationVariable String room, Principal user) {
		return this.userRooms.hide(room, user.getName());
	}

	@MessageMapping("/rooms/{room}/leave")
	UserRoomEvent leave(@DestinationVariable String room, Principal user) {
		return this.userRooms.leave(room, user.getName());
	}

	/**
	 * The answer of {@code GET /api/me/rooms}.
	 *
	 * @param rooms the rooms, by name
	 */
	record Sidebar(List<UserRoom> rooms) {

	}

	/**
	 * Payload of {@code SEND /app/rooms/{room}/read}.
	 *
	 * @param seq the highest seq the user has now seen
	 */
	record ReadRequest(long seq) {

	}

}
