package dev.switchboard.system;

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Maps exceptions thrown by {@code @MessageMapping} methods to error replies: client
 * mistakes by their code, anything else as {@code internal} (and logged).
 */
@ControllerAdvice
class MessagingErrorAdvice {

	private static final Log logger = LogFactory.getLog(MessagingErrorAdvice.class);

	private final AckInterceptor acks;

	MessagingErrorAdvice(AckInterceptor acks) {
		this.acks = acks;
	}

	@MessageExceptionHandler
	void clientError(ClientErrorException ex) {
		this.acks.recordFailure(ex.getCode(), ex.getMessage());
	}

	@MessageExceptionHandler
	void unreadable(MessageConversionException ex) {
		this.acks.recordFailure("bad-request", "The payload is not valid JSON for this destination");
	}

	@MessageExceptionHandler
	void invalid(MethodArgumentNotValidException ex) {
		BindingResult result = ex.getBindingResult();
		String details = (result != null) ? result.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.collect(Collectors.joining(", ")) : "a JSON payload is required";
		this.acks.recordFailure("bad-request", details);
	}

	@MessageExceptionHandler
	void unexpected(Exception ex, Message<?> message) {
		logger.error("Failed to handle message to " + SimpMessageHeaderAccessor.getDestination(message.getHeaders())
				+ " from session " + SimpMessageHeaderAccessor.getSessionId(message.getHeaders()), ex);
		this.acks.recordFailure("internal", "The server could not handle the message");
	}

}
