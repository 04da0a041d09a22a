package dev.switchboard.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of a request without a login whole, before the CSRF filter, the form
 * login or a controller would read it on a Tomcat worker at the client's pace: at most
 * {@code max-pending-bodies} such bodies are on their way at once (one more request gets
 * 503 {@code server-busy} at once), each must arrive within {@code body-timeout} (else
 * 408 and the connection is closed) and be at most {@code max-body-size} (else 413). What
 * follows reads the copy.
 *
 * <p>
 * Requests of a logged-in session pass as they are. Requests with a bearer token do not:
 * the token is checked after this filter, and an invalid one must not be a way around it.
 * The refusals use statuses on which Tomcat closes the connection without reading the
 * rest of the body (no {@code Connection: close} header, which would make it read it).
 */
class SlowBodyFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(SlowBodyFilter.class);

	private static final long BUSY_LOG_INTERVAL = 10_000_000_000L;

	private final RequestLimitsProperties limits;

	private final Semaphore pending;

	private final AtomicLong busySince = new AtomicLong();

	private final AtomicLong busyRefusals = new AtomicLong();

	SlowBodyFilter(RequestLimitsProperties limits) {
		this.limits = limits;
		this.pending = new Semaphore(limits.maxPendingBodies());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
		return !hasBody || isLoggedIn();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limits.maxBodySize().toBytes()) {
			refuse(response, request, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too-large",
					"The request body is larger than " + this.limits.maxBodySize().toBytes() + " bytes");
			return;
		}
		if (!this.pending.tryAcquire()) {
			logBusy(request);
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			refuse(response, request, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "server-busy",
					"The server is busy; try again in a moment");
			return;
		}
		byte[] body;
		try {
			body = read(request, response);
		}
		finally {
			this.pending.release();
		}
		if (body != null) {
			chain.doFilter(new BufferedBodyRequest(request, body), response);
		}
	}

	/**
	 * The whole body, or {@code null} if the request was answered instead.
	 */
	private byte[] read(HttpServletRequest request, HttpServletResponse response) throws IOException {
		long deadline = System.nanoTime() + this.limits.bodyTimeout().toNanos();
		long max = this.limits.maxBodySize().toBytes();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] buffer = new byte[1024];
		try {
			InputStream in = request.getInputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				body.write(buffer, 0, read);
				if (body.size() > max) {
					refuse(response, request, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too-large",
							"The request body is larger than " + max + " bytes");
					return null;
				}
				if (System.nanoTime() - deadline > 0) {
					return slow(request, response);
				}
			}
			return body.toByteArray();
		}
		catch (SocketTimeoutException ex) {
			return slow(request, response);
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof SocketTimeoutException) {
				return slow(request, response);
			}
			logger.debug("The client went away while sending its request body: " + ex.getMessage());
			return null;
		}
	}

	private byte[] slow(HttpServletRequest request, HttpServletResponse response) {
		logger.info("Dropped a request to " + request.getRequestURI() + " from " + request.getRemoteAddr()
				+ ": its body did not arrive within " + this.limits.bodyTimeout());
		try {
			refuse(response, request, HttpServletResponse.SC_REQUEST_TIMEOUT, "too-slow",
					"The request body did not arrive in time");
		}
		catch (IOException | RuntimeException ex) {
			// the connection is closed anyway
		}
		return null;
	}

	private void logBusy(HttpServletRequest request) {
		long refusals = this.busyRefusals.incrementAndGet();
		long now = System.nanoTime();
		long since = this.busySince.get();
		if (now - since > BUSY_LOG_INTERVAL && this.busySince.compareAndSet(since, now)) {
			this.busyRefusals.set(0);
			logger.warn("Refused " + refusals + " request(s) without a login, the latest to " + request.getRequestURI()
					+ " from " + request.getRemoteAddr() + ": " + this.limits.maxPendingBodies()
					+ " request bodies are on their way already");
		}
	}

	private static void refuse(HttpServletResponse response, HttpServletRequest request, int status, String code,
			String message) throws IOException {
		ErrorResponses.write(response, status, code, message, request.getRequestURI());
	}

	private static boolean isLoggedIn() {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		return user != null && user.isAuthenticated();
	}

}
