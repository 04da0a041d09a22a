package dev.switchboard.rooms;

import java.util.function.Supplier;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.messaging.access.intercept.MessageAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Authorizes subscriptions to a room ({@code /topic/rooms.{room}}) and to its member list
 * ({@code /app/rooms/{room}/members}): granted for public rooms (opened on first join)
 * and for members of private rooms.
 */
@Component("roomAccess")
class RoomSubscriptionAuthorization implements AuthorizationManager<MessageAuthorizationContext<?>> {

	private static final String MEMBERS_PREFIX = "/app/rooms/";

	private static final String MEMBERS_SUFFIX = "/members";

	private final RoomService rooms;

	RoomSubscriptionAuthorization(RoomService rooms) {
		this.rooms = rooms;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			MessageAuthorizationContext<?> context) {
		Authentication user = authentication.get();
		String room = room(SimpMessageHeaderAccessor.getDestination(context.getMessage().getHeaders()));
		boolean granted = user != null && user.isAuthenticated() && room != null
				&& this.rooms.join(room, user.getName());
		return new AuthorizationDecision(granted);
	}

	private static String room(String destination) {
		String room = RoomNames.fromTopic(destination);
		if (room == null && destination != null && destination.startsWith(MEMBERS_PREFIX)
				&& destination.endsWith(MEMBERS_SUFFIX)) {
			room = destination.substring(MEMBERS_PREFIX.length(), destination.length() - MEMBERS_SUFFIX.length());
		}
		return room;
	}

}
