package dev.switchboard.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.StreamUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SlowBodyFilter} and {@link BufferedBodyRequest} on mock requests.
 */
class SlowBodyFilterTests {

	private final SlowBodyFilter filter = new SlowBodyFilter(
			new RequestLimitsProperties(2, Duration.ofSeconds(5), Duration.ofSeconds(2), DataSize.ofBytes(100)));

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aFormBodyIsReadAheadAndItsParametersJoinTheQuerys() throws Exception {
		MockHttpServletRequest request = post("username=al%C3%AFce&password=p%26ss&_csrf=abc");
		request.setQueryString("continue");
		request.addParameter("continue", "");
		ServletRequest passed = pass(request);
		assertThat(passed).isInstanceOf(BufferedBodyRequest.class);
		assertThat(passed.getParameter("username")).isEqualTo("alïce");
		assertThat(passed.getParameter("password")).isEqualTo("p&ss");
		assertThat(passed.getParameterMap()).containsOnlyKeys("continue", "username", "password", "_csrf");
		assertThat(StreamUtils.copyToString(passed.getInputStream(), StandardCharsets.UTF_8))
			.isEqualTo("username=al%C3%AFce&password=p%26ss&_csrf=abc");
	}

	@Test
	void aJsonBodyIsReadAheadAndLeftAsItIs() throws Exception {
		MockHttpServletRequest request = post("{\"username\":\"alice\"}");
		request.setContentType("application/json");
		ServletRequest passed = pass(request);
		assertThat(StreamUtils.copyToString(passed.getInputStream(), StandardCharsets.UTF_8))
			.isEqualTo("{\"username\":\"alice\"}");
		assertThat(passed.getParameterMap()).isEmpty();
		assertThat(passed.getContentLength()).isEqualTo(20);
	}

	@Test
	void aBodyOverTheLimitIsRefusedWith413WithoutBeingRead() throws Exception {
		MockHttpServletRequest request = post("x".repeat(101));
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<ServletRequest> passed = new AtomicReference<>();
		this.filter.doFilter(request, response, (req, res) -> passed.set(req));
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).contains("\"code\":\"too-large\"");
		assertThat(passed).hasNullValue();
	}

	@Test
	void aLoggedInSessionsBodyIsNotReadAhead() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice", null,
					AuthorityUtils.createAuthorityList("ROLE_USER")));
		MockHttpServletRequest request = post("a=b");
		assertThat(pass(request)).isSameAs(request);
	}

	@Test
	void aRequestWithoutBodyPassesAsItIs() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
		assertThat(pass(request)).isSameAs(request);
	}

	private ServletRequest pass(MockHttpServletRequest request) throws Exception {
		AtomicReference<ServletRequest> passed = new AtomicReference<>();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> passed.set(req));
		assertThat(response.getStatus()).isEqualTo(200);
		return passed.get();
	}

	private static MockHttpServletRequest post(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		request.setContentType("application/x-www-form-urlencoded");
		request.setCharacterEncoding("UTF-8");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

}
