/**
 * Stage ⑤ (slots): marketing lines kept apart from the answer. Input: a {@link
 * dev.kefu.core.slot.SlotRequest}. Output: proposed {@link dev.kefu.core.slot.Slot}s, which stage
 * ⑥ may drop. Failure: the pipeline records it and goes on without slots. Thread-safe.
 */
package dev.kefu.core.slot;
