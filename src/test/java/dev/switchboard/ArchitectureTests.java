package dev.switchboard;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure the README's "where to find what" describes: feature packages without
 * import cycles, and the transport and shared replies below every feature.
 */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.switchboard");

	@Test
	void packagesHaveNoImportCycles() {
		slices().matching("dev.switchboard.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void theTransportDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.switchboard.websocket..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.switchboard.accounts..", "dev.switchboard.chat..", "dev.switchboard.cluster..",
					"dev.switchboard.dashboard..", "dev.switchboard.limits..", "dev.switchboard.presence..",
					"dev.switchboard.raw..", "dev.switchboard.rooms..", "dev.switchboard.security..",
					"dev.switchboard.sse..")
			.check(MAIN);
	}

	@Test
	void sharedRepliesDependOnNothingOfTheApplication() {
		noClasses().that()
			.resideInAPackage("dev.switchboard.system..")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("dev.switchboard.system..", "java..", "javax..", "jakarta..", "org..", "com..",
					"tools..")
			.check(MAIN);
	}

}
