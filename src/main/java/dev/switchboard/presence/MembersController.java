package dev.switchboard.presence;

import java.security.Principal;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code SUBSCRIBE /app/rooms/{room}/members}: one reply with who is in the room now.
 */
@Controller
class MembersController {

	private final PresenceTracker presence;

	MembersController(PresenceTracker presence) {
		this.presence = presence;
	}

	@SubscribeMapping("/rooms/{room}/members")
	RoomMembers members(@DestinationVariable String room, Principal user) {
		return new RoomMembers(room, this.presence.members(room, (user != null) ? user.getName() : null));
	}

}
