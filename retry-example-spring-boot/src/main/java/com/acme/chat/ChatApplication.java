package com.acme.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A chat service over three LLM endpoints. Run it, then {@code curl -d 'Hello' localhost:8080/chat}; see the
 * README's Spring Boot section for a whole session.
 */
@SpringBootApplication
public class ChatApplication {
    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
