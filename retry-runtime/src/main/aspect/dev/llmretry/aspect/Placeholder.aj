package dev.llmretry.aspect;

aspect Placeholder {
}
