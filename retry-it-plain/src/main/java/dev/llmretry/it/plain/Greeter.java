package dev.llmretry.it.plain;

/** An ordinary class in a module woven with llm-retry's aspects: nothing here may trigger a lint warning. */
public class Greeter {
    public String greet(String name) {
        return "Hello " + name;
    }
}
