package dev.switchboard.accounts;

import dev.switchboard.system.ClientErrorException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

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

	SignupController(AccountService accounts, AuthenticationManager authenticationManager) {
		this.accounts = accounts;
		this.authenticationManager = authenticationManager;
	}

	@GetMapping("/login")
	String login() {
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
		try {
			this.accounts.signup(form);
		}
		catch (ClientErrorException ex) {
			result.rejectValue("username", ex.getCode(), ex.getMessage());
			return SIGNUP_VIEW;
		}
		logIn(form, request, response);
		return "redirect:/chat";
	}

	private void logIn(SignupRequest form, HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = this.authenticationManager
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(form.username(), form.password()));
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contextRepository.saveContext(context, request, response);
	}

}
