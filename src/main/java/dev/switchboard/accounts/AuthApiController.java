package dev.switchboard.accounts;

import java.time.Duration;

import dev.switchboard.security.LoginThrottle;
import dev.switchboard.security.LoginThrottledException;
import dev.switchboard.security.TokenService;
import dev.switchboard.security.TokenService.Token;
import dev.switchboard.system.ErrorReply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-up and access tokens for programs: {@code POST /api/auth/signup} and
 * {@code POST /api/auth/token}.
 */
@RestController
@RequestMapping("/api/auth")
class AuthApiController {

	private final AccountService accounts;

	private final AuthenticationManager authenticationManager;

	private final TokenService tokens;

	private final LoginThrottle throttle;

	AuthApiController(AccountService accounts, AuthenticationManager authenticationManager, TokenService tokens,
			LoginThrottle throttle) {
		this.accounts = accounts;
		this.authenticationManager = authenticationManager;
		this.tokens = tokens;
		this.throttle = throttle;
	}

	@PostMapping("/signup")
	ResponseEntity<?> signup(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {
		Duration wait = this.throttle.signup(http.getRemoteAddr());
		if (!wait.isZero()) {
			return tooManyRequests(wait, "Too many sign-ups from your address; try again later", "/api/auth/signup");
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(new SignedUp(this.accounts.signup(request).username()));
	}

	@PostMapping("/token")
	ResponseEntity<?> token(@RequestBody SignupRequest request, HttpServletRequest http) {
		if (request.username() == null || request.password() == null) {
			return unauthorized();
		}
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken
			.unauthenticated(request.username(), request.password());
		attempt.setDetails(new WebAuthenticationDetails(http));
		try {
			Authentication authentication = this.authenticationManager.authenticate(attempt);
			Token token = this.tokens.issue(authentication);
			return ResponseEntity.ok(token);
		}
		catch (LoginThrottledException ex) {
			return tooManyRequests(ex.getRetryAfter(), ex.getMessage(), "/api/auth/token");
		}
		catch (AuthenticationException ex) {
			return unauthorized();
		}
	}

	private static ResponseEntity<ErrorReply> tooManyRequests(Duration wait, String message, String path) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(LoginThrottle.retryAfterSeconds(wait)))
			.body(new ErrorReply("rate-limited", message, path));
	}

	private static ResponseEntity<ErrorReply> unauthorized() {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.body(new ErrorReply("bad-credentials", "Wrong user name or password", "/api/auth/token"));
	}

	/**
	 * Reply to a successful sign-up.
	 *
	 * @param username the account's name
	 */
	record SignedUp(String username) {
	}

}
