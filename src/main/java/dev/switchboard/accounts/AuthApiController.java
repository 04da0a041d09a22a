package dev.switchboard.accounts;

import dev.switchboard.security.TokenService;
import dev.switchboard.security.TokenService.Token;
import dev.switchboard.system.ErrorReply;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
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

	AuthApiController(AccountService accounts, AuthenticationManager authenticationManager, TokenService tokens) {
		this.accounts = accounts;
		this.authenticationManager = authenticationManager;
		this.tokens = tokens;
	}

	@PostMapping("/signup")
	@ResponseStatus(HttpStatus.CREATED)
	SignedUp signup(@Valid @RequestBody SignupRequest request) {
		return new SignedUp(this.accounts.signup(request).username());
	}

	@PostMapping("/token")
	ResponseEntity<?> token(@RequestBody SignupRequest request) {
		if (request.username() == null || request.password() == null) {
			return unauthorized();
		}
		try {
			Authentication authentication = this.authenticationManager.authenticate(
					UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password()));
			Token token = this.tokens.issue(authentication);
			return ResponseEntity.ok(token);
		}
		catch (AuthenticationException ex) {
			return unauthorized();
		}
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
