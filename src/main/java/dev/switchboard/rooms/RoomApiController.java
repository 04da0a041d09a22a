package dev.switchboard.rooms;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms?after={name}&limit={n}}: the rooms the current user can see, a
 * page at a time, by name.
 */
@RestController
class RoomApiController {

	private final RoomService rooms;

	RoomApiController(RoomService rooms) {
		this.rooms = rooms;
	}

	@GetMapping("/api/rooms")
	RoomPage rooms(@RequestParam(required = false) String after, @RequestParam(defaultValue = "100") int limit,
			Principal user) {
		return this.rooms.visibleTo(user.getName(), after, limit);
	}

}
