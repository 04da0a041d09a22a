package dev.switchboard.raw;

/**
 * A command a client sends to {@code /raw} as a JSON text message; which fields count
 * depends on the {@code type}.
 *
 * @param type {@code join}, {@code leave}, {@code send}, {@code edit}, {@code delete},
 * {@code typing} or {@code direct}
 * @param room the room ({@code join}, {@code leave}, {@code send}, {@code edit},
 * {@code delete}, {@code typing})
 * @param sinceSeq on {@code join}: the last seq the client saw, to catch up from
 * @param text the message text ({@code send}, {@code edit}, {@code direct})
 * @param clientId on {@code send}: the client's id for the message, making retries safe
 * @param ackId the id an acknowledgement should carry (any command but {@code join} and
 * {@code leave})
 * @param excludeSelf on {@code send}: whether to skip this connection in the broadcast
 * @param to on {@code direct}: the recipient's user name
 * @param id on {@code edit} and {@code delete}: the id of the message to change
 */
record RawCommand(String type, String room, Long sinceSeq, String text, String clientId, String ackId,
		Boolean excludeSelf, String to, String id) {

}
