package dev.switchboard.system;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.invocation.HandlerMethodReturnValueHandler;
import org.springframework.stereotype.Component;

/**
 * Turns the return value of an {@code @MessageMapping} method (one without
 * {@code @SendTo} or {@code @SendToUser}) into the body of the sender's acknowledgement
 * instead of a broadcast.
 */
@Component
public class AckReturnValueHandler implements HandlerMethodReturnValueHandler {

	private final AckInterceptor acks;

	public AckReturnValueHandler(AckInterceptor acks) {
		this.acks = acks;
	}

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		return returnType.hasMethodAnnotation(MessageMapping.class);
	}

	@Override
	public void handleReturnValue(Object returnValue, MethodParameter returnType, Message<?> message) {
		this.acks.recordResult(returnValue);
	}

}
