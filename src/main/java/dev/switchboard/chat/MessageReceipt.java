package dev.switchboard.chat;

/**
 * What the sender of a chat message gets in its acknowledgement.
 *
 * @param id the stored message's id
 * @param room the room
 * @param seq the message's sequence number in the room
 * @param ts when it was stored, in milliseconds since the epoch
 */
public record MessageReceipt(String id, String room, long seq, long ts) {

	static MessageReceipt of(ChatMessage message) {
		return new MessageReceipt(message.id(), message.room(), message.seq(), message.ts());
	}

}
