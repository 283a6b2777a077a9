package dev.llmretry.redis;

import dev.llmretry.LlmCall;
import dev.llmretry.LlmHttpException;
import dev.llmretry.LlmResilience;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One instance of a fleet, run as its own JVM by {@link FleetProcessesTest}: an application calling {@code iag} with
 * failover to {@code oneapi} through {@link LlmCall}, configured by the retry.yaml given as first argument
 * ({@code health.store: redis}). Reads commands on stdin, answers one line each on stdout:
 * {@code call} (answers {@code ok <endpoint>} or {@code failed <exception>}), {@code state} (iag's health state),
 * {@code reset} (closes iag's circuit here), {@code quit}. Each request carries the instance's name and the time it was
 * sent, so the test can tell who probed when.
 */
public final class FleetMember {
    private FleetMember() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String instance = args[1];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // stdout is the protocol; anything else printed goes to stderr
        LlmResilience.useConfig(config.toString(), Files.readString(config));
        LlmCall chat = LlmCall.builder("fleet.chat").retry("default").failover("iag", "oneapi").build();
        HttpClient http = HttpClient.newHttpClient();
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            switch (line.strip()) {
                case "call" -> {
                    try {
                        out.println("ok " + chat.call(endpoint -> {
                            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url() + "/chat/completions"))
                                    .header("Content-Type", "application/json")
                                    .header("X-Instance", instance)
                                    .header("X-Sent-At", Long.toString(System.currentTimeMillis()))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                    .build();
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() >= 300) throw LlmHttpException.from(response);
                            return endpoint.name();
                        }));
                    } catch (Exception e) {
                        out.println("failed " + e.getClass().getSimpleName());
                    }
                }
                case "state" -> out.println(LlmResilience.health().endpoint("iag").state());
                case "reset" -> {
                    LlmResilience.reset("iag");
                    out.println("ok");
                }
                case "quit" -> {
                    LlmResilience.shutdown();
                    out.println("bye");
                    return;
                }
                default -> out.println("unknown " + line);
            }
        }
    }
}
