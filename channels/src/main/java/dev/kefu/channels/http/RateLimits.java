package dev.kefu.channels.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kefu.core.Checks;
import dev.kefu.core.config.LimitsConfig;
import dev.kefu.core.message.ShopperContext;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * How much one client may ask ({@code limits.*}): token buckets per conversation, per verified
 * shopper and per client address (bucket4j; each refills evenly over a minute, so a burst of a
 * minute's worth passes and then one request per refill), a bucket of wrong staff tokens per
 * address, and a cap on the conversations one address has waiting for a person. A refusal is a 429
 * {@code RATE_LIMITED} that says in how many seconds to try again. Buckets are kept while they are
 * used (Caffeine, expiring a few minutes after the last use, bounded in number); time is the
 * injected clock. Thread-safe.
 */
public final class RateLimits {
    /** The attribute that carries a WebSocket's client address from its upgrade request. */
    public static final String ADDRESS = "kefu.address";

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration KEEP = Duration.ofMinutes(5);
    private static final long MAX_KEYS = 200_000;
    /** How long an address that has too many conversations waiting is told to wait. */
    private static final long QUEUE_RETRY_SECONDS = 60;

    private final LimitsConfig config;
    private final TimeMeter time;
    private final Ticker ticker;
    private final Cache<String, Bucket> conversations;
    private final Cache<String, Bucket> shoppers;
    private final Cache<String, Bucket> addresses;
    private final Cache<String, Bucket> wrongTokens;
    private final Cache<String, Set<String>> waiting;

    public RateLimits(LimitsConfig config, Clock clock) {
        this.config = Checks.requireNonNull("config", config);
        Checks.requireNonNull("clock", clock);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.ticker = time::currentTimeNanos;
        this.conversations = cache();
        this.shoppers = cache();
        this.addresses = cache();
        this.wrongTokens = cache();
        this.waiting = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(Duration.ofHours(1))
                .maximumSize(MAX_KEYS)
                .build();
    }

    private <V> Cache<String, V> cache() {
        return Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(KEEP)
                .maximumSize(MAX_KEYS)
                .build();
    }

    /**
     * One request to the shopper's API, or one frame on the widget's socket, from {@code address}
     * ({@code null}: not over the network, not limited).
     *
     * @throws ApiException 429 {@code RATE_LIMITED}
     */
    public void address(String address) {
        take(addresses, address, config.perAddressPerMinute(), "from your address");
    }

    /**
     * One message into {@code conversationId} ({@code null}: a new one) by {@code shopper}: the
     * conversation's bucket and, for a verified shopper, theirs.
     *
     * @throws ApiException 429 {@code RATE_LIMITED}
     */
    public void message(String conversationId, ShopperContext shopper) {
        take(conversations, conversationId, config.perConversationPerMinute(), "into this conversation");
        if (shopper.verified()) {
            take(shoppers, shopper.id(), config.perShopperPerMinute(), "from you");
        }
    }

    /**
     * Before a message into {@code conversationId} from {@code address}: refused while that address
     * already has {@code limits.maxQueuedPerAddress} other conversations waiting for a person, so it
     * cannot hand off one more (its messages into those that wait still go to their agents).
     *
     * @param stillWaiting whether a conversation still waits for a person
     * @throws ApiException 429 {@code RATE_LIMITED}
     */
    public void queueRoom(String address, String conversationId, Predicate<String> stillWaiting) {
        int max = config.maxQueuedPerAddress();
        if (address == null || !capsQueue()) {
            return;
        }
        Set<String> queued = waiting.getIfPresent(address);
        if (queued == null || queued.contains(conversationId)) {
            return;
        }
        queued.removeIf(id -> !stillWaiting.test(id));
        if (queued.size() >= max) {
            throw refused(
                    TimeUnit.SECONDS.toNanos(QUEUE_RETRY_SECONDS),
                    "Too many of your conversations are waiting for a person; one of them will be answered soon.");
        }
    }

    /** {@code conversationId}, from {@code address}, went to the queue: it counts against the address's cap. */
    public void handedOff(String address, String conversationId) {
        if (address != null && capsQueue()) {
            waiting.get(address, a -> ConcurrentHashMap.newKeySet()).add(conversationId);
        }
    }

    /**
     * Whether the queue is capped per address: with {@code maxQueuedPerAddress}, and unless the
     * limits per address are off ({@code perAddressPerMinute: 0}, a load test from one machine,
     * whose hand-offs all come from one address).
     */
    private boolean capsQueue() {
        return config.maxQueuedPerAddress() > 0 && config.perAddressPerMinute() > 0;
    }

    /**
     * Before a staff token from {@code address} is checked: refused while that address has used up
     * its wrong tokens, whatever the token this time (so guessing costs a minute per few guesses).
     *
     * @throws ApiException 429 {@code RATE_LIMITED}
     */
    public void beforeToken(String address) {
        if (address == null || config.wrongTokensPerMinute() == 0) {
            return;
        }
        Bucket bucket = wrongTokens.getIfPresent(address);
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            throw refused(
                    bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill(),
                    "Too many wrong tokens from your address.");
        }
    }

    /** A wrong staff token came from {@code address}. */
    public void wrongToken(String address) {
        if (address != null && config.wrongTokensPerMinute() > 0) {
            bucket(wrongTokens, address, config.wrongTokensPerMinute()).tryConsume(1);
        }
    }

    private void take(Cache<String, Bucket> buckets, String key, int perMinute, String what) {
        if (key == null || perMinute == 0) {
            return;
        }
        ConsumptionProbe probe = bucket(buckets, key, perMinute).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refused(probe.getNanosToWaitForRefill(), "Too many messages " + what + "; please wait a moment.");
        }
    }

    private Bucket bucket(Cache<String, Bucket> buckets, String key, int perMinute) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, MINUTE))
                .withCustomTimePrecision(time)
                .build());
    }

    private static ApiException refused(long nanosToWait, String message) {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        return ApiException.rateLimited(seconds, message + " Try again in " + seconds + " s.");
    }
}
