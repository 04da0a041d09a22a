package dev.switchboard.rooms;

import java.security.Principal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms}: the rooms the current user can see.
 */
@RestController
class RoomApiController {

	private final RoomService rooms;

	RoomApiController(RoomService rooms) {
		this.rooms = rooms;
	}

	@GetMapping("/api/rooms")
	List<Room> rooms(Principal user) {
		return this.rooms.visibleTo(user.getName());
	}

}
