package dev.kefu.eval.run;

import dev.kefu.eval.metrics.Latencies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One timed run of {@code kefu-eval load}: multi-turn conversations from the dialogues, every text
 * made unique, sent in one of two ways.
 *
 * <ul>
 *   <li><b>Open loop</b> ({@link #atRate}): a turn is due every {@code 1/rate} seconds whatever the
 *       server does; it goes to a conversation whose previous turn was answered, or starts a new
 *       one. Latency is measured from the turn's <em>scheduled</em> time, so a server that falls
 *       behind shows its queue in the percentiles instead of slowing the sender down (coordinated
 *       omission).
 *   <li><b>Closed loop</b> ({@link #saturating}): {@code connections} streams, each sending its next
 *       turn as soon as the previous one is answered: the server's saturated throughput.
 * </ul>
 *
 * A turn that fails ends its conversation; its error is counted by status.
 */
final class LoadRun {
    /** A conversation to send, from the dialogues file: its product page (or null) and its texts. */
    record Script(String productId, List<String> texts) {}

    /** What a run measured; {@code seconds} is from the first scheduled turn to the last answer. */
    record Result(
            double rate,
            long sent,
            long answered,
            long conversations,
            double seconds,
            Latencies latencies,
            Map<String, Long> errors) {
        double turnsPerSecond() {
            return seconds <= 0 ? 0 : answered / seconds;
        }
    }

    private final LoadChat chat;
    private final List<Script> scripts;
    private final Executor callbacks;
    private final AtomicLong unique = new AtomicLong();
    private final AtomicLong nextScript = new AtomicLong();

    /**
     * @param callbacks where a closed-loop stream sends its next turn (off the HTTP client's threads)
     */
    LoadRun(LoadChat chat, List<Script> scripts, Executor callbacks) {
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("no conversations to send");
        }
        this.chat = chat;
        this.scripts = List.copyOf(scripts);
        this.callbacks = callbacks;
    }

    /**
     * A shopper's text made unique for this run: the same question asked again gets a different
     * suffix, so no cache (of embeddings, of answers) serves a repeated text.
     */
    String unique(String text) {
        return text + " #" + Long.toString(unique.incrementAndGet(), 36);
    }

    /** Sends {@code rate} turns a second for {@code duration}, open loop. */
    Result atRate(double rate, Duration duration) throws InterruptedException {
        Tally tally = new Tally(rate);
        Queue<Stream> ready = new ConcurrentLinkedQueue<>();
        long interval = Math.max(1, Math.round(1e9 / rate));
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (long due = start; due < end; due += interval) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Stream stream = ready.poll();
            if (stream == null) {
                stream = new Stream(nextScript(), tally);
            }
            Stream sending = stream;
            sending.next(due).thenAccept(more -> {
                if (more) {
                    ready.add(sending);
                }
            });
        }
        tally.awaitIdle();
        ready.forEach(Stream::close);
        return tally.result(start);
    }

    /** Keeps {@code connections} streams busy for {@code duration}, closed loop. */
    Result saturating(int connections, Duration duration) throws InterruptedException {
        Tally tally = new Tally(Double.NaN);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int i = 0; i < connections; i++) {
            keepBusy(null, end, tally);
        }
        tally.awaitIdle();
        return tally.result(start);
    }

    /** Sends {@code stream}'s next turn (a new conversation's first when null) unless the run is over. */
    private void keepBusy(Stream stream, long end, Tally tally) {
        if (System.nanoTime() >= end) {
            if (stream != null) {
                stream.close();
            }
            return;
        }
        Stream sending = stream == null ? new Stream(nextScript(), tally) : stream;
        tally.busy.incrementAndGet(); // this stream's next turn is not sent yet; the run is not over
        sending.next(System.nanoTime())
                .thenAcceptAsync(more -> keepBusy(more ? sending : null, end, tally), callbacks)
                .whenComplete((ignored, e) -> tally.busy.decrementAndGet());
    }

    private Script nextScript() {
        return scripts.get((int) (nextScript.getAndIncrement() % scripts.size()));
    }

    /** One conversation being sent: its script and the next turn's index. */
    private final class Stream {
        private final Script script;
        private final Tally tally;
        private final LoadChat.Conversation conversation;
        private int turn;

        Stream(Script script, Tally tally) {
            this.script = script;
            this.tally = tally;
            this.conversation = chat.open(script.productId());
            tally.conversations.incrementAndGet();
        }

        /**
         * Sends the next turn, due at {@code due} (nanoTime); completes with whether the conversation
         * has another turn to send (false after its last turn or a failure, the conversation closed).
         */
        CompletableFuture<Boolean> next(long due) {
            String text = unique(script.texts().get(turn++));
            tally.started();
            return conversation.send(text).thenApply(outcome -> {
                tally.finished(due, outcome);
                boolean more = outcome.ok() && turn < script.texts().size();
                if (!more) {
                    conversation.close();
                }
                return more;
            });
        }

        void close() {
            conversation.close();
        }
    }

    /** The counts of one run, updated from the HTTP client's threads. */
    private static final class Tally {
        private final double rate;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong conversations = new AtomicLong();
        private final AtomicLong busy = new AtomicLong();
        private final Latencies latencies = new Latencies();
        private final Map<String, Long> errors = new TreeMap<>();
        private long answered;
        private long lastAnswer;

        Tally(double rate) {
            this.rate = rate;
        }

        void started() {
            sent.incrementAndGet();
            busy.incrementAndGet();
        }

        synchronized void finished(long due, LoadChat.Outcome outcome) {
            long now = System.nanoTime();
            if (outcome.ok()) {
                answered++;
                latencies.add(now - due);
            } else {
                errors.merge(outcome.error(), 1L, Long::sum);
            }
            lastAnswer = Math.max(lastAnswer, now);
            busy.decrementAndGet();
            notifyAll();
        }

        /** Waits for every turn sent to be answered or to fail (each has a timeout). */
        synchronized void awaitIdle() throws InterruptedException {
            long limit = System.nanoTime() + LoadChat.TIMEOUT.toNanos() * 2;
            while (busy.get() > 0) {
                long left = limit - System.nanoTime();
                if (left <= 0) {
                    errors.merge("unfinished", busy.get(), Long::sum);
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 100_000_000L));
            }
        }

        synchronized Result result(long start) {
            double seconds = (Math.max(lastAnswer, start) - start) / 1e9;
            return new Result(rate, sent.get(), answered, conversations.get(), seconds, latencies, errors);
        }
    }
}
