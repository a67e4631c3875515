/**
 * Stage ⑥ hand-off: the policy that decides whether a person takes over, and the triggers it
 * records. Input: a {@link dev.kefu.core.handoff.HandoffInput}. Output: the trigger that fired, if
 * any. Policies are pure and thread-safe; the pipeline itself hands off with {@link
 * dev.kefu.core.handoff.HandoffReason#BOT_FAILURE} when a stage throws.
 */
package dev.kefu.core.handoff;
