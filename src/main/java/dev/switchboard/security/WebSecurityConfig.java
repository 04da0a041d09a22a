package dev.switchboard.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP security: public pages and assets, form login for browsers, bearer tokens for
 * programs, and the WebSocket handshakes: {@code /ws} is open (authentication happens on
 * the STOMP CONNECT), {@code /raw} needs a logged-in session or a token, which it may
 * take from the query ({@code ?access_token=}) since a browser's WebSocket cannot send
 * headers. Logging out closes the WebSocket connections of the HTTP session
 * ({@link LoginConnections}).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

	private static final RequestMatcher RAW_HANDSHAKE = PathPatternRequestMatcher.withDefaults().matcher("/raw");

	/** Where a bearer token in the {@code Authorization} header is taken. */
	private static final RequestMatcher BEARER_PATHS = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
			PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"),
			PathPatternRequestMatcher.withDefaults().matcher("/ws"), RAW_HANDSHAKE);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
			JwtAuthenticationConverter jwtAuthenticationConverter, AuthenticationManager authenticationManager,
			RequestLimitsProperties requestLimits, LoginConnections loginConnections) throws Exception {
		// The form login checks passwords with the throttled manager below, not with one
		// Spring Security would build from the UserDetailsService; bearer tokens have a
		// manager of their own.
		http.authenticationManager(authenticationManager);
		JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(jwtDecoder);
		tokens.setJwtAuthenticationConverter(jwtAuthenticationConverter);
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/login", "/login/throttled", "/signup", "/error", "/css/**", "/js/**", "/img/**",
					"/webjars/**", "/favicon.ico")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/auth/signup", "/api/auth/token")
			.permitAll()
			.requestMatchers("/ws", "/actuator/health")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/chat")
				.failureHandler(new LoginFailureHandler())
				.permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/").addLogoutHandler(loginConnections))
			.oauth2ResourceServer((server) -> server.bearerTokenResolver(bearerTokenResolver())
				.authenticationEntryPoint(new InvalidTokenEntryPoint())
				.jwt((jwt) -> jwt.authenticationManager(new ProviderManager(tokens))))
			// The resource server also skips the CSRF check for every request in which
			// bearerTokenResolver() finds a token; such a request is then refused with
			// 401 unless the token is valid.
			.csrf((csrf) -> csrf.ignoringRequestMatchers(
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/auth/**")))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
					new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"), RAW_HANDSHAKE,
							PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"))))
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.addFilterBefore(new ContentSecurityPolicyFilter(), CsrfFilter.class)
			.addFilterBefore(new MalformedOriginFilter(), CsrfFilter.class)
			.addFilterBefore(new SlowBodyFilter(requestLimits), CsrfFilter.class);
		return http.build();
	}

	/**
	 * Bearer tokens come in the {@code Authorization} header of requests to the API, the
	 * metrics and the WebSocket handshakes; only the {@code /raw} handshake may carry one
	 * as the query parameter {@code access_token}. Elsewhere (pages, {@code /login},
	 * {@code /signup}, {@code /logout}) the header is not a credential: those requests
	 * keep their CSRF check whatever {@code Authorization} header they carry, since the
	 * resource server skips it exactly where this resolver finds a token.
	 */
	static BearerTokenResolver bearerTokenResolver() {
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		DefaultBearerTokenResolver query = new DefaultBearerTokenResolver();
		query.setAllowUriQueryParameter(true);
		return (request) -> {
			if (RAW_HANDSHAKE.matches(request)) {
				return query.resolve(request);
			}
			return BEARER_PATHS.matches(request) ? header.resolve(request) : null;
		};
	}

	/**
	 * No tracing or timing of Spring Security's filters, authentications and
	 * authorizations: they would wrap each of the filters every request and handshake
	 * passes, and each STOMP frame's authorization, in an observation that nothing here
	 * reads (the operations dashboard and {@code /actuator/prometheus} count traffic
	 * themselves).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	/**
	 * The password check of the form login, the token endpoint and the login after a
	 * sign-up, throttled per account and per client address.
	 */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService userDetailsService, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetailsService);
		provider.setPasswordEncoder(passwordEncoder);
		return new ThrottledAuthenticationManager(new ProviderManager(provider), throttle);
	}

}
