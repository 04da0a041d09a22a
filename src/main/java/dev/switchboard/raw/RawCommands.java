package dev.switchboard.raw;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.switchboard.chat.CatchupSubscriptions;
import dev.switchboard.chat.EditMessageRequest;
import dev.switchboard.chat.SendMessageRequest;
import dev.switchboard.rooms.RoomNames;
import dev.switchboard.security.HandshakeAuthentication;
import dev.switchboard.system.ClientErrorException;
import dev.switchboard.system.Replies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Turns what a {@code /raw} client does into the STOMP frames a STOMP client would send
 * for it, as they arrive on the client inbound channel: the pipeline then applies the
 * same authorization, limits, storage, acknowledgements and errors to both.
 *
 * <p>
 * Subscription ids are the destinations themselves, so each room is joined at most once
 * per connection and its events can be told apart on the way out.
 */
@Component
class RawCommands {

	/** The personal queues every connection subscribes to when it opens. */
	static final List<String> USER_QUEUES = List.of(RawEvents.ERRORS, RawEvents.ACKS, "/user/queue/messages",
			"/user/queue/invitations");

	private static final String EXCLUDE_SELF_HEADER = "exclude-self";

	private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private static final byte[] EMPTY = new byte[0];

	private final JsonMapper json;

	RawCommands(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The CONNECT of a connection whose user the handshake authenticated.
	 */
	Message<byte[]> connect(RawSession session) {
		StompHeaderAccessor connect = headers(StompCommand.CONNECT, session);
		connect.setAcceptVersion("1.2");
		HandshakeAuthentication.mark(connect);
		return message(connect, EMPTY);
	}

	/**
	 * SUBSCRIBEs to the personal queues: acknowledgements, errors, direct messages and
	 * invitations.
	 */
	List<Message<byte[]>> subscribeUserQueues(RawSession session) {
		return USER_QUEUES.stream().map((queue) -> subscribe(session, queue, null)).toList();
	}

	/**
	 * The DISCONNECT that ends the STOMP session of a closed connection.
	 */
	Message<byte[]> disconnect(RawSession session) {
		return message(headers(StompCommand.DISCONNECT, session), EMPTY);
	}

	/**
	 * The frames for one command.
	 * @throws ClientErrorException if the command is incomplete or unknown
	 */
	List<Message<byte[]>> decode(RawCommand command, RawSession session) {
		String type = (command.type() != null) ? command.type() : "";
		return switch (type) {
			case "join" -> join(session, room(command), command.sinceSeq());
			case "leave" -> leave(session, room(command));
			case "send" -> List.of(send(session, "/app/rooms/" + room(command) + "/messages",
					new SendMessageRequest(command.text(), command.clientId()), command.ackId(),
					Boolean.TRUE.equals(command.excludeSelf())));
			case "edit" ->
				List.of(send(session, "/app/rooms/" + room(command) + "/messages/" + messageId(command) + "/edit",
						new EditMessageRequest(command.text()), command.ackId(), false));
			case "delete" ->
				List.of(send(session, "/app/rooms/" + room(command) + "/messages/" + messageId(command) + "/delete",
						Map.of(), command.ackId(), false));
			case "typing" ->
				List.of(send(session, "/app/rooms/" + room(command) + "/typing", Map.of(), command.ackId(), false));
			case "direct" -> List.of(send(session, "/app/users/" + recipient(command) + "/messages",
					new SendMessageRequest(command.text(), null), command.ackId(), false));
			default -> throw ClientErrorException
				.badRequest("Unknown type '" + type + "': use join, leave, send, edit, delete, typing or direct");
		};
	}

	/**
	 * The SEND of a binary message to a room's raw members.
	 */
	Message<byte[]> binary(RawSession session, BinaryFrames.Inbound frame) {
		StompHeaderAccessor send = headers(StompCommand.SEND, session);
		send.setDestination(BinaryRelay.destination(frame.room()));
		send.setContentType(MimeTypeUtils.APPLICATION_OCTET_STREAM);
		return message(send, frame.data());
	}

	private List<Message<byte[]>> join(RawSession session, String room, Long sinceSeq) {
		if (!session.rooms().add(room)) {
			throw ClientErrorException.badRequest("Already in room '" + room + "'; leave it first to join again");
		}
		String members = "/app/rooms/" + room + "/members";
		return List.of(subscribe(session, RoomNames.topic(room), sinceSeq), subscribe(session, members, null),
				unsubscribe(session, members));
	}

	private List<Message<byte[]>> leave(RawSession session, String room) {
		return session.rooms().remove(room) ? List.of(unsubscribe(session, RoomNames.topic(room))) : List.of();
	}

	private Message<byte[]> subscribe(RawSession session, String destination, Long sinceSeq) {
		StompHeaderAccessor subscribe = headers(StompCommand.SUBSCRIBE, session);
		subscribe.setDestination(destination);
		subscribe.setSubscriptionId(destination);
		if (sinceSeq != null) {
			subscribe.setNativeHeader(CatchupSubscriptions.SINCE_SEQ_HEADER, sinceSeq.toString());
		}
		return message(subscribe, EMPTY);
	}

	private static Message<byte[]> unsubscribe(RawSession session, String destination) {
		StompHeaderAccessor unsubscribe = headers(StompCommand.UNSUBSCRIBE, session);
		unsubscribe.setSubscriptionId(destination);
		return message(unsubscribe, EMPTY);
	}

	private Message<byte[]> send(RawSession session, String destination, Object payload, String ackId,
			boolean excludeSelf) {
		StompHeaderAccessor send = headers(StompCommand.SEND, session);
		send.setDestination(destination);
		send.setContentType(MimeTypeUtils.APPLICATION_JSON);
		if (ackId != null) {
			send.setNativeHeader(Replies.ACK_ID_HEADER, ackId);
		}
		if (excludeSelf) {
			send.setNativeHeader(EXCLUDE_SELF_HEADER, "true");
		}
		return message(send, this.json.writeValueAsBytes(payload));
	}

	private static String room(RawCommand command) {
		return RoomNames.require(command.room());
	}

	private static String messageId(RawCommand command) {
		if (command.id() == null || !MESSAGE_ID.matcher(command.id()).matches()) {
			throw ClientErrorException.badRequest("'id' must be a message id");
		}
		return command.id();
	}

	private static String recipient(RawCommand command) {
		if (command.to() == null || !USER_NAME.matcher(command.to()).matches()) {
			throw ClientErrorException.badRequest("'to' must be a user name");
		}
		return command.to();
	}

	private static StompHeaderAccessor headers(StompCommand command, RawSession session) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
		accessor.setSessionId(session.id());
		accessor.setSessionAttributes(session.attributes());
		accessor.setUser(session.user());
		accessor.setLeaveMutable(true);
		return accessor;
	}

	private static Message<byte[]> message(StompHeaderAccessor accessor, byte[] payload) {
		return MessageBuilder.createMessage(payload, accessor.getMessageHeaders());
	}

}
