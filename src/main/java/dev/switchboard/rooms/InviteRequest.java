package dev.switchboard.rooms;

import jakarta.validation.constraints.NotBlank;

/**
 * Payload of {@code SEND /app/rooms/{room}/invite}.
 *
 * @param user the name of the user to add
 */
public record InviteRequest(@NotBlank(message = "is required") String user) {

}
