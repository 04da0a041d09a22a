package dev.switchboard.support;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.util.MimeTypeUtils;

/**
 * Hand-built STOMP frames as they arrive on the client inbound channel.
 */
public final class StompMessages {

	private StompMessages() {
	}

	/**
	 * An authenticated user principal, as a token or session login produces.
	 */
	public static Principal user(String name) {
		return UsernamePasswordAuthenticationToken.authenticated(name, null,
				AuthorityUtils.createAuthorityList("ROLE_USER"));
	}

	public static Builder frame(StompCommand command) {
		return new Builder(command);
	}

	/**
	 * Builds one frame.
	 */
	public static final class Builder {

		private final StompHeaderAccessor accessor;

		private byte[] payload = new byte[0];

		Builder(StompCommand command) {
			this.accessor = StompHeaderAccessor.create(command);
			this.accessor.setSessionId("session-1");
			this.accessor.setSessionAttributes(new HashMap<>());
		}

		public Builder session(String sessionId) {
			this.accessor.setSessionId(sessionId);
			return this;
		}

		public Builder user(String name) {
			this.accessor.setUser(StompMessages.user(name));
			return this;
		}

		public Builder destination(String destination) {
			this.accessor.setDestination(destination);
			return this;
		}

		public Builder subscription(String id) {
			this.accessor.setSubscriptionId(id);
			return this;
		}

		public Builder header(String name, String value) {
			this.accessor.setNativeHeader(name, value);
			return this;
		}

		public Builder json(String json) {
			this.accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
			this.payload = json.getBytes(StandardCharsets.UTF_8);
			return this;
		}

		public Message<byte[]> build() {
			this.accessor.setLeaveMutable(true);
			return MessageBuilder.createMessage(this.payload, this.accessor.getMessageHeaders());
		}

	}

}
