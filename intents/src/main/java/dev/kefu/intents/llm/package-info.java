/**
 * The chat model that {@code llm.*} configures, built with LangChain4j's OpenAI-compatible and
 * Ollama providers, and what stage ④ and the agents' summaries make of it ({@link
 * dev.kefu.intents.llm.LlmModels}). Input: the configuration; output: a streaming chat model, or
 * none for {@code llm.provider: none}, with the templates and the extractive summary as what answers
 * without one. Failure: a custom system prompt that cannot be read throws; a slow or failing model
 * is never retried, so it costs a shopper at most the budget. Thread-safe once built. The tests'
 * {@code FakeLlmServer}, published in this module's test-jar, speaks both providers' protocols.
 */
package dev.kefu.intents.llm;
