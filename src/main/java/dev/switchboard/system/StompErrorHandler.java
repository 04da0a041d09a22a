package dev.switchboard.system;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Writes the STOMP ERROR frame that ends a connection after a refused CONNECT or
 * SUBSCRIBE or an unreadable frame: a short {@code message} header and an
 * {@link ErrorReply} as JSON body.
 *
 * <p>
 * Interceptors on the client inbound channel refuse a frame with {@link #refuse} instead
 * of throwing: with inbound order preserved, Spring only logs what they throw.
 */
@Component
public class StompErrorHandler extends StompSubProtocolErrorHandler {

	private static final Log logger = LogFactory.getLog(StompErrorHandler.class);

	private final JsonMapper jsonMapper;

	private final MessageChannel clientOutboundChannel;

	public StompErrorHandler(JsonMapper jsonMapper,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		this.jsonMapper = jsonMapper;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	/**
	 * Answer a client frame with an ERROR frame, which also closes the connection.
	 * @param clientMessage the refused frame
	 * @param reason why it is refused
	 */
	public void refuse(Message<?> clientMessage, Throwable reason) {
		@SuppressWarnings("unchecked")
		Message<byte[]> error = handleClientMessageProcessingError((Message<byte[]>) clientMessage, reason);
		StompHeaderAccessor accessor = StompHeaderAccessor.wrap(error);
		accessor.setSessionId(SimpMessageHeaderAccessor.getSessionId(clientMessage.getHeaders()));
		this.clientOutboundChannel.send(MessageBuilder.createMessage(error.getPayload(), accessor.getMessageHeaders()));
	}

	@Override
	public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
		ErrorReply reply = reply(clientMessage, ex);
		if (clientMessage != null) {
			logger.info("Closing STOMP session " + SimpMessageHeaderAccessor.getSessionId(clientMessage.getHeaders())
					+ " of " + SimpMessageHeaderAccessor.getUser(clientMessage.getHeaders()) + ": " + reply.code()
					+ " (" + reply.message() + ")");
		}
		else {
			logger.info("Closing a STOMP session after an unreadable frame: " + reply.message());
		}
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
		accessor.setMessage(reply.message());
		accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
		if (clientMessage != null) {
			String receipt = StompHeaderAccessor.wrap(clientMessage).getReceipt();
			if (receipt != null) {
				accessor.setReceiptId(receipt);
			}
		}
		byte[] body = this.jsonMapper.writeValueAsString(reply).getBytes(StandardCharsets.UTF_8);
		return MessageBuilder.createMessage(body, accessor.getMessageHeaders());
	}

	private static ErrorReply reply(Message<byte[]> clientMessage, Throwable ex) {
		String destination = (clientMessage != null)
				? SimpMessageHeaderAccessor.getDestination(clientMessage.getHeaders()) : null;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClientErrorException clientError) {
				return new ErrorReply(clientError.getCode(), clientError.getMessage(), destination);
			}
			if (cause instanceof AuthenticationException) {
				return new ErrorReply("unauthenticated", cause.getMessage(), destination);
			}
			if (cause instanceof CsrfException) {
				return new ErrorReply("invalid-csrf",
						"A logged-in page must send its CSRF token as the X-CSRF-TOKEN header of CONNECT", destination);
			}
			if (cause instanceof AccessDeniedException) {
				return new ErrorReply("forbidden", cause.getMessage(), destination);
			}
			if (cause instanceof StompConversionException) {
				boolean tooLarge = String.valueOf(cause.getMessage()).contains("limit");
				return new ErrorReply(tooLarge ? "too-large" : "bad-frame", cause.getMessage(), destination);
			}
		}
		return new ErrorReply("error", "The server could not process the frame", destination);
	}

}
