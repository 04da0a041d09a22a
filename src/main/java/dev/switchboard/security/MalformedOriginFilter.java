package dev.switchboard.security;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refuses a WebSocket handshake ({@code /ws}, {@code /raw}) whose {@code Origin} header
 * is not an origin ({@code scheme://host[:port]}) with 403 and one log line, before
 * Spring's origin check fails on it with a 500 whose message holds the whole request URL
 * (and so a {@code /raw?access_token=} token). Well-formed origins are left to that
 * check.
 */
class MalformedOriginFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(MalformedOriginFilter.class);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return request.getHeader(HttpHeaders.ORIGIN) == null || !(path.equals("/ws") || path.equals("/raw"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isOrigin(request.getHeader(HttpHeaders.ORIGIN))) {
			chain.doFilter(request, response);
			return;
		}
		logger.info("Refused a WebSocket handshake to " + request.getRequestURI() + " from " + request.getRemoteAddr()
				+ ": the Origin header is not an origin");
		ErrorResponses.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
				"The Origin header is not an origin", request.getRequestURI());
	}

	/**
	 * Whether a header value is an origin that both the JDK and Spring can parse.
	 */
	static boolean isOrigin(String value) {
		try {
			URI uri = new URI(value);
			if (uri.getScheme() == null || uri.getHost() == null
					|| uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				return false;
			}
			UriComponentsBuilder.fromUriString(value).build();
			return true;
		}
		catch (URISyntaxException | RuntimeException ex) {
			return false;
		}
	}

}
