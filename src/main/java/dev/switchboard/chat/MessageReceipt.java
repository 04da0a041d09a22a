package dev.switchboard.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the sender of a chat message gets in its acknowledgement.
 *
 * @param id the stored message's id
 * @param room the room
 * @param seq the message's sequence number in the room
 * @param ts when it was stored, in milliseconds since the epoch
 * @param clientId the id the client gave the message, if any
 * @param duplicate {@code true} if this send repeated a client id already stored: nothing
 * new was stored or broadcast
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageReceipt(String id, String room, long seq, long ts, String clientId, boolean duplicate) {

	static MessageReceipt of(ChatMessage message, boolean duplicate) {
		return new MessageReceipt(message.id(), message.room(), message.seq(), message.ts(), message.clientId(),
				duplicate);
	}

}
