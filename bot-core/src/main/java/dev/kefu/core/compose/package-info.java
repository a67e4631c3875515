/**
 * Stage ④ (compose): the answer body from the retrieved passages. {@link
 * dev.kefu.core.compose.TemplateComposer} is the default and cannot fail; model-backed composers
 * (LangChain4j {@code ChatModel}) wrap it and fall back to it. Input: a {@link
 * dev.kefu.core.compose.CompositionRequest}. Output: an {@link dev.kefu.core.compose.Answer} with
 * citations. Thread-safe.
 */
package dev.kefu.core.compose;
