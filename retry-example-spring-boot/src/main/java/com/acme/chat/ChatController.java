package com.acme.chat;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /chat} with the prompt as the body; answers with the model's text. */
@RestController
public class ChatController {
    private final ChatService chat;

    public ChatController(ChatService chat) {
        this.chat = chat;
    }

    @PostMapping(value = "/chat", consumes = "text/plain", produces = "text/plain")
    public String chat(@RequestBody String prompt) {
        return chat.complete(prompt, null);
    }
}
