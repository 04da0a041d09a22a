package dev.switchboard.rooms;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Payload of {@code SEND /app/rooms}.
 *
 * @param name the new room's name
 * @param visibility {@code private} or {@code public}
 */
public record CreateRoomRequest(
		@NotNull(message = "is required") @Pattern(regexp = RoomNames.PATTERN,
				message = "must be 1 to 64 of a-z, 0-9 and '-', not starting with '-'") String name,
		@NotNull(message = "is required") Visibility visibility) {

}
