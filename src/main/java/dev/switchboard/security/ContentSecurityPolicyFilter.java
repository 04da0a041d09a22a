package dev.switchboard.security;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a Content-Security-Policy that lets pages run only this server's own scripts,
 * styles, images and connections (WebSockets and event streams included), with no inline
 * script or style, no plugins, no framing and forms posting only here. The one inline
 * script, the import map of {@code layout.html}, carries a nonce made for each request
 * and handed to the templates as the request attribute {@value #NONCE_ATTRIBUTE}.
 */
class ContentSecurityPolicyFilter extends OncePerRequestFilter {

	/** The request attribute holding this request's nonce. */
	static final String NONCE_ATTRIBUTE = "cspNonce";

	private static final String POLICY = "default-src 'self'; script-src 'self' 'nonce-%s'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private final SecureRandom random = new SecureRandom();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		String nonce = Base64.getEncoder().encodeToString(bytes);
		request.setAttribute(NONCE_ATTRIBUTE, nonce);
		response.setHeader("Content-Security-Policy", POLICY.formatted(nonce));
		chain.doFilter(request, response);
	}

}
