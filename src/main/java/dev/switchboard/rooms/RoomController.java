package dev.switchboard.rooms;

import java.security.Principal;

import jakarta.validation.Valid;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Controller;

/**
 * STOMP requests about rooms themselves: create one, invite a member, open a direct
 * conversation. The returned value is the sender's acknowledgement.
 */
@Controller
class RoomController {

	private final RoomService rooms;

	RoomController(RoomService rooms) {
		this.rooms = rooms;
	}

	@MessageMapping("/rooms")
	Room create(@Valid @Payload CreateRoomRequest request, Principal user) {
		return this.rooms.create(request.name(), request.visibility(), user.getName());
	}

	@MessageMapping("/rooms/{room}/invite")
	Invitation invite(@DestinationVariable String room, @Valid @Payload InviteRequest request, Principal user) {
		return this.rooms.invite(room, user.getName(), request.user());
	}

	@MessageMapping("/users/{username}/conversation")
	Room openDirect(@DestinationVariable String username, Principal user) {
		return this.rooms.openDirect(user.getName(), username);
	}

}
