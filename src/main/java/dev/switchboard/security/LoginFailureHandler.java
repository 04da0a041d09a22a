package dev.switchboard.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Answers a failed form login: a wrong password goes back to {@code /login?error}; a
 * throttled attempt gets 429 with {@code Retry-After} and the login page with a message
 * saying how long to wait, rendered by forwarding to {@link #THROTTLED_PAGE}.
 */
class LoginFailureHandler implements AuthenticationFailureHandler {

	/** The page a throttled login is forwarded to. */
	static final String THROTTLED_PAGE = "/login/throttled";

	/** The request attribute with the seconds to wait, for the page. */
	static final String RETRY_AFTER_ATTRIBUTE = "loginRetryAfterSeconds";

	private final AuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler(
			"/login?error");

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (!(exception instanceof LoginThrottledException throttled)) {
			this.wrongPassword.onAuthenticationFailure(request, response, exception);
			return;
		}
		long seconds = LoginThrottle.retryAfterSeconds(throttled.getRetryAfter());
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		request.setAttribute(RETRY_AFTER_ATTRIBUTE, seconds);
		request.getRequestDispatcher(THROTTLED_PAGE).forward(request, response);
	}

}
