package dev.switchboard.assets;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.VersionResourceResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import map maps modules and libraries to the resource chain's hashed URLs, and is
 * kept only once the chain knows every file.
 */
class ImportMapTests {

	private static final String HASHED = "-[0-9a-f]{32}\\.js";

	private final ResourceUrlProvider urls = new ResourceUrlProvider();

	private final ImportMap importMap = new ImportMap(this.urls, new PathMatchingResourcePatternResolver(),
			JsonMapper.builder().build());

	@Test
	void mapsEveryModuleByItsPlainUrlAndEveryLibraryByItsNameToItsHashedUrl() throws Exception {
		this.urls.setHandlerMap(Map.of("/webjars/**", webJarsHandler(), "/**", staticFilesHandler()));
		Map<String, String> imports = this.importMap.imports();
		assertThat(imports.get("/js/chat.js")).matches("/js/chat" + HASHED);
		assertThat(imports.get("/js/realtime.js")).matches("/js/realtime" + HASHED);
		assertThat(imports.get("@stomp/stompjs")).matches("/js/stompjs" + HASHED);
		assertThat(imports.get("@stomp/stompjs/bundles/stomp.umd.min.js"))
			.matches("/webjars/stomp__stompjs/[0-9.]+/bundles/stomp.umd.min" + HASHED);
		assertThat(imports.get("uplot")).matches("/webjars/uplot/[0-9.]+/dist/uPlot.esm" + HASHED);
		assertThat(this.importMap.json()).startsWith("{\"imports\":{").contains("\"/js/ui.js\":\"/js/ui-");
	}

	@Test
	void beforeTheResourceChainKnowsTheFilesPagesGetPlainUrlsAndTheMapIsWorkedOutAgain() throws Exception {
		assertThat(this.importMap.json()).contains("\"/js/chat.js\":\"/js/chat.js\"");
		this.urls.setHandlerMap(Map.of("/webjars/**", webJarsHandler(), "/**", staticFilesHandler()));
		assertThat(this.importMap.json()).containsPattern("\"/js/chat.js\":\"/js/chat" + HASHED + "\"");
	}

	@Test
	void aFileTheResourceChainCannotFindKeepsItsPlainUrlAndTheMapIsNotKept() throws Exception {
		this.urls.setHandlerMap(Map.of("/**", staticFilesHandler()));
		assertThat(this.importMap.imports()).containsEntry("uplot", "/webjars/uplot/dist/uPlot.esm.js")
			.hasEntrySatisfying("/js/chat.js", (chat) -> assertThat(chat).matches("/js/chat" + HASHED));
		this.importMap.json();
		this.urls.setHandlerMap(Map.of("/webjars/**", webJarsHandler(), "/**", staticFilesHandler()));
		assertThat(this.importMap.json()).containsPattern("\"uplot\":\"/webjars/uplot/[0-9.]+/dist/uPlot.esm" + HASHED);
	}

	/**
	 * The handler of {@code /**} as Spring Boot configures it with the content strategy.
	 */
	private static ResourceHttpRequestHandler staticFilesHandler() throws Exception {
		return handler("static/", new PathResourceResolver());
	}

	/**
	 * The handler of {@code /webjars/**}, which finds a WebJar's files without its
	 * version.
	 */
	private static ResourceHttpRequestHandler webJarsHandler() throws Exception {
		return handler("META-INF/resources/webjars/", new LiteWebJarsResourceResolver(), new PathResourceResolver());
	}

	private static ResourceHttpRequestHandler handler(String location, ResourceResolver... resolvers) throws Exception {
		ResourceHttpRequestHandler handler = new ResourceHttpRequestHandler();
		handler.setLocations(List.of(new ClassPathResource(location)));
		VersionResourceResolver versions = new VersionResourceResolver().addContentVersionStrategy("/**");
		handler.setResourceResolvers(Stream.concat(Stream.of(versions), Arrays.stream(resolvers)).toList());
		handler.afterPropertiesSet();
		return handler;
	}

}
