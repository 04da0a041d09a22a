package dev.switchboard.accounts;

import java.time.Duration;

import dev.switchboard.security.LoginThrottle;
import dev.switchboard.system.ClientErrorException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The sign-up and login pages; a successful sign-up logs the new user in.
 */
@Controller
class SignupController {

	private static final String SIGNUP_VIEW = "signup";

	private static final String LOGIN_VIEW = "login";

	private final AccountService accounts;

	private final AuthenticationManager authenticationManager;

	private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

	private final LoginThrottle throttle;

	SignupController(AccountService accounts, AuthenticationManager authenticationManager, LoginThrottle throttle) {
		this.accounts = accounts;
		this.authenticationManager = authenticationManager;
		this.throttle = throttle;
	}

	@GetMapping("/login")
	String login() {
		return LOGIN_VIEW;
	}

	/**
	 * The login page after a throttled login, which the login's failure handler forwards
	 * to with the seconds to wait.
	 */
	@PostMapping("/login/throttled")
	@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
	String throttledLogin() {
		return LOGIN_VIEW;
	}

	@GetMapping("/signup")
	String signupForm(Model model) {
		model.addAttribute("form", new SignupRequest("", ""));
		return SIGNUP_VIEW;
	}

	@PostMapping("/signup")
	String signup(@Valid @ModelAttribute("form") SignupRequest form, BindingResult result, HttpServletRequest request,
			HttpServletResponse response) {
		if (result.hasErrors()) {
			return SIGNUP_VIEW;
		}
		Duration wait = this.throttle.signup(request.getRemoteAddr());
		if (!wait.isZero()) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(LoginThrottle.retryAfterSeconds(wait)));
			result.reject("rate-limited", "Too many sign-ups from your address; try again later.");
			return SIGNUP_VIEW;
		}
		try {
			this.accounts.signup(form);
		}
		catch (ClientErrorException ex) {
			result.rejectValue("username", ex.getCode(), ex.getMessage());
			return SIGNUP_VIEW;
		}
		try {
			logIn(form, request, response);
		}
		catch (AuthenticationException ex) {
			// Someone failed to log in to this name just before it was taken: log in
			// by hand later.
			return "redirect:/login";
		}
		return "redirect:/chat";
	}

	private void logIn(SignupRequest form, HttpServletRequest request, HttpServletResponse response) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken
			.unauthenticated(form.username(), form.password());
		attempt.setDetails(new WebAuthenticationDetails(request));
		Authentication authentication = this.authenticationManager.authenticate(attempt);
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contextRepository.saveContext(context, request, response);
	}

}
