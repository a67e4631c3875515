/**
 * Model-independent building blocks of an LLM composer (issue #7): {@link
 * dev.kefu.core.compose.llm.PersonalDataMasker} and its per-request {@link
 * dev.kefu.core.compose.llm.MaskingVault} keep personal data out of prompts, {@link
 * dev.kefu.core.compose.llm.CitationMarkers} turns the model's {@code [entry-id]} markers into
 * citations, and {@link dev.kefu.core.compose.llm.GroundingCheck} decides whether a model's answer
 * may be shown or the template answer is used instead (with a stable {@link
 * dev.kefu.core.compose.llm.RejectionReason}). Pure Java, no model or network; everything here is
 * immutable and thread-safe except a vault, which is one request's and synchronised.
 */
package dev.kefu.core.compose.llm;
