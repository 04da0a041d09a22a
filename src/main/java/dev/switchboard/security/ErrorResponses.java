package dev.switchboard.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.switchboard.system.ErrorReply;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Writes the API's {@link ErrorReply} shape from filters, which answer before any
 * controller or advice is reached.
 */
final class ErrorResponses {

	private ErrorResponses() {
	}

	static void write(HttpServletResponse response, int status, String code, String message, String path)
			throws IOException {
		byte[] body = JsonMapper.shared()
			.writeValueAsString(new ErrorReply(code, message, path))
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

}
