package dev.switchboard.system;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one JSON shape of every error reply, on {@code /user/queue/errors} and from the
 * HTTP API.
 *
 * @param code machine-readable error code, for example {@code invalid-room}
 * @param message human-readable explanation
 * @param destination the STOMP destination or HTTP path the failed request was sent to
 * @param ackId the {@code ack-id} header of the failed SEND, when it had one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorReply(String code, String message, String destination, String ackId) {

	public ErrorReply(String code, String message, String destination) {
		this(code, message, destination, null);
	}

}
