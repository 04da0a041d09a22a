package dev.switchboard.system;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps errors of the HTTP API to an {@link ErrorReply} with a fitting status.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrorAdvice {

	@ExceptionHandler
	ResponseEntity<ErrorReply> clientError(ClientErrorException ex, HttpServletRequest request) {
		return reply(status(ex.getCode()), ex.getCode(), ex.getMessage(), request);
	}

	@ExceptionHandler
	ResponseEntity<ErrorReply> invalid(MethodArgumentNotValidException ex, HttpServletRequest request) {
		String details = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.collect(Collectors.joining(", "));
		return reply(HttpStatus.BAD_REQUEST, "bad-request", details, request);
	}

	@ExceptionHandler
	ResponseEntity<ErrorReply> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return reply(HttpStatus.BAD_REQUEST, "bad-request", "The request body is not valid JSON", request);
	}

	private static HttpStatus status(String code) {
		if (code.endsWith("-taken") || code.endsWith("-exists")) {
			return HttpStatus.CONFLICT;
		}
		if (code.endsWith("-not-found")) {
			return HttpStatus.NOT_FOUND;
		}
		return "forbidden".equals(code) ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
	}

	private static ResponseEntity<ErrorReply> reply(HttpStatus status, String code, String message,
			HttpServletRequest request) {
		return ResponseEntity.status(status).body(new ErrorReply(code, message, request.getRequestURI()));
	}

}
