package dev.switchboard.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request with a bearer token that is not valid: 401,
 * {@code WWW-Authenticate: Bearer error="invalid_token"} and the API's error JSON saying
 * "invalid token", without what the token decoder found wrong (which would help forge
 * one, and echoes the token's parts back).
 */
class InvalidTokenEntryPoint implements AuthenticationEntryPoint {

	private static final Log logger = LogFactory.getLog(InvalidTokenEntryPoint.class);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused a bearer token on " + request.getRequestURI() + ": " + authException.getMessage());
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		ErrorResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid-token", "invalid token",
				request.getRequestURI());
	}

}
