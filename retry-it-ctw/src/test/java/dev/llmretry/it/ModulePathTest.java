package dev.llmretry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmretry.LlmCall;
import dev.llmretry.annotation.LlmRetry;
import dev.llmretry.testing.FakeLlmServer;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §1: every jar declares a stable module name and no package is split across jars. A small user module
 * ({@code requires dev.llmretry.runtime}) is compiled and run on the module path, where a split package would stop
 * the JVM at boot ("Package dev.llmretry in both module ..."). Needs the reactor's packaged jars: run with
 * {@code mvn verify}, as CI does.
 */
class ModulePathTest {

    static Path jarOf(Class<?> type) throws URISyntaxException {
        Path p = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(p.toString().endsWith(".jar"), type.getName() + " comes from " + p + ", not a jar: run `mvn verify`");
        return p;
    }

    @Test
    void everyLibraryJar_declaresItsModuleName() throws Exception {
        assertEquals("dev.llmretry.runtime", moduleName(jarOf(LlmCall.class)));
        assertEquals("dev.llmretry.annotations", moduleName(jarOf(LlmRetry.class)));
        assertEquals("dev.llmretry.testing", moduleName(jarOf(FakeLlmServer.class)));
    }

    @Test
    void userModule_onTheModulePath_compilesAndRunsAnLlmCall(@TempDir Path dir) throws Exception {
        List<Path> path = new ArrayList<>();
        for (Class<?> c : List.of(LlmCall.class, LlmRetry.class, org.aspectj.lang.JoinPoint.class,
                org.yaml.snakeyaml.Yaml.class, org.slf4j.Logger.class)) {
            path.add(jarOf(c));
        }
        Path src = dir.resolve("src/com.acme.chat");
        Files.createDirectories(src.resolve("com/acme/chat"));
        Files.writeString(src.resolve("module-info.java"), """
                module com.acme.chat {
                    requires dev.llmretry.runtime;
                    requires dev.llmretry.annotations;
                }
                """);
        Files.writeString(src.resolve("com/acme/chat/Main.java"), """
                package com.acme.chat;

                import dev.llmretry.LlmCall;
                import dev.llmretry.LlmHttpException;
                import dev.llmretry.LlmResilience;
                import java.time.Duration;
                import java.util.Map;

                public class Main {
                    public static void main(String[] args) {
                        int[] attempts = {0};
                        LlmCall chat = LlmCall.builder("acme.chat").retry("default").maxAttempts(3)
                                .initialBackoff(Duration.ofMillis(1)).build();
                        String answer = chat.call(endpoint -> {
                            if (attempts[0]++ == 0) throw new LlmHttpException(503, Map.of(), "busy");
                            return "answer from " + endpoint.name();
                        });
                        System.out.println(answer + " after " + attempts[0] + " attempts");
                        LlmResilience.shutdown();
                    }
                }
                """);
        String modulePath = path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Path out = dir.resolve("out");
        List<String> sources;
        try (Stream<Path> s = Files.walk(src)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        List<String> javacArgs = new ArrayList<>(List.of("--module-path", modulePath, "-d", out.toString()));
        javacArgs.addAll(sources);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, javacArgs.toArray(String[]::new)));

        String java = ProcessHandle.current().info().command().orElseThrow();
        // automatic modules declare no requires: their own dependencies (slf4j, snakeyaml, aspectjrt) join the
        // graph through --add-modules, as docs/architecture.md tells module-path users
        Process p = new ProcessBuilder(java, "--module-path", modulePath + File.pathSeparator + out,
                "--add-modules", "ALL-MODULE-PATH", "-m", "com.acme.chat/com.acme.chat.Main").redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the module ran within a minute");
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("answer from acme.chat after 2 attempts"), output);
    }

    private static String moduleName(Path jar) throws Exception {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        }
    }
}
