/**
 * The orchestrator ({@link dev.kefu.core.pipeline.ConversationPipeline}), its sealed {@link
 * dev.kefu.core.pipeline.Decision} ({@code Reply | Handoff}), its result and the events it reports
 * to a {@link dev.kefu.core.pipeline.PipelineListener}. Read {@code ConversationPipeline#handle}
 * for the flow ① to ⑥. Thread-safe: one message at a time per conversation.
 */
package dev.kefu.core.pipeline;
