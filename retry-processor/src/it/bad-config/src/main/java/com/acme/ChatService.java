package com.acme;

import dev.llmretry.Endpoint;
import dev.llmretry.annotation.Failover;
import dev.llmretry.annotation.LlmRetry;

public class ChatService {
    @LlmRetry(maxAttempts = 0)
    @Failover(endpoints = {"iag", "onapi"})
    public String complete(String prompt, Endpoint endpoint) {
        return prompt;
    }
}
