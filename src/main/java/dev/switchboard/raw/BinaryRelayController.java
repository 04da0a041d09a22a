package dev.switchboard.raw;

import java.security.Principal;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/**
 * {@code SEND /app/rooms/{room}/binary}: binary data for the room's raw connections, from
 * a raw client's binary message or a STOMP client's binary body.
 */
@Controller
class BinaryRelayController {

	private final BinaryRelay relay;

	BinaryRelayController(BinaryRelay relay) {
		this.relay = relay;
	}

	@MessageMapping("/rooms/{room}/binary")
	void relay(@DestinationVariable String room, @Payload byte[] data, Principal user,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
		this.relay.relay(room, user.getName(), sessionId, data);
	}

}
