package dev.switchboard.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.switchboard.support.TestUsers.TestUser;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * What a fuzzing connection puts in its CONNECT's {@code Authorization} header.
 *
 * @param label a short name for reports
 * @param authorization the header's value, {@code null} for no header
 * @param valid whether the server must accept it
 */
record Credential(String label, String authorization, boolean valid) {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/**
	 * The fuzzing user's own token, and credentials the server must refuse: missing,
	 * malformed, expired, and tokens forged to claim to be someone else.
	 * @param fuzzer the fuzzing user
	 * @param victim the user the forged tokens claim to be
	 * @param serverEncoder the server's own token encoder, for a correctly signed but
	 * expired token
	 */
	static List<Credential> all(TestUser fuzzer, String victim, JwtEncoder serverEncoder) {
		String token = fuzzer.token();
		String[] parts = token.split("\\.");
		String header = parts[0];
		String claims = "{\"sub\":\"" + victim + "\",\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":"
				+ Instant.now().plusSeconds(3600).getEpochSecond() + ",\"roles\":[\"USER\"]}";
		String forgedPayload = encode(claims);
		String alteredSignature = ((parts[2].charAt(0) == 'A') ? "B" : "A") + parts[2].substring(1);
		return List.of(new Credential("valid", "Bearer " + token, true), new Credential("none", null, false),
				new Credential("empty bearer", "Bearer ", false),
				new Credential("basic", "Basic " + encode(fuzzer.name() + ":" + fuzzer.password()), false),
				new Credential("garbage", "Bearer not-a-token", false),
				new Credential("two tokens", "Bearer " + token + " " + token, false),
				new Credential("altered signature", "Bearer " + parts[0] + "." + parts[1] + "." + alteredSignature,
						false),
				new Credential("unsigned, as " + victim,
						"Bearer " + encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + forgedPayload + ".", false),
				new Credential("claims swapped to " + victim, "Bearer " + header + "." + forgedPayload + "." + parts[2],
						false),
				new Credential("signed by another key, as " + victim,
						"Bearer " + signed(header + "." + forgedPayload, "another-secret-another-secret-another"),
						false),
				new Credential("expired", "Bearer " + expired(fuzzer.name(), serverEncoder), false));
	}

	private static String encode(String value) {
		return BASE64URL.encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static String signed(String content, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return content + "." + BASE64URL.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String expired(String user, JwtEncoder encoder) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(user)
			.issuedAt(now.minusSeconds(7200))
			.expiresAt(now.minusSeconds(3600))
			.claim("roles", List.of("USER"))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	@Override
	public String toString() {
		return this.label;
	}

}
