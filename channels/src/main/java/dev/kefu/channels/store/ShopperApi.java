package dev.kefu.channels.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.jdbc.JdbcPersonalData;
import dev.kefu.channels.jdbc.JdbcShopperProfiles;
import dev.kefu.channels.store.ShopperDataDtos.ErasureDto;
import dev.kefu.channels.store.ShopperDataDtos.ExportDto;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.kb.curation.UnansweredInbox;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/shoppers/{shopperId}} (bearer store token): the store's back end keeps the tags of
 * its shoppers here, server to server, so that tags which matter (a VIP tier, an opt-out) come
 * from the store and not from the shopper's browser. Every message of the shopper gets them. The
 * store also answers its shoppers' requests for their data here: {@code .../export} hands over
 * everything Kefu holds about one, {@code .../erase} removes it.
 */
public record ShopperApi(
        JdbcShopperProfiles profiles, JdbcPersonalData data, UnansweredInbox inbox, RequestReader reader, Clock clock) {
    private static final Logger LOG = LoggerFactory.getLogger(ShopperApi.class);

    public record ProfileDto(String shopperId, List<String> tags, String updatedBy, String updatedAt) {
        static ProfileDto of(JdbcShopperProfiles.Profile profile) {
            return new ProfileDto(
                    profile.shopperId(),
                    profile.tags().stream().sorted().toList(),
                    profile.updatedBy(),
                    profile.updatedAt().toString());
        }
    }

    /** {@code GET}: the stored profile, 404 when the store has not described this shopper. */
    public void get(Context ctx) {
        String shopperId = shopperId(ctx);
        ctx.json(ProfileDto.of(profiles.find(shopperId)
                .orElseThrow(() ->
                        new ApiException(404, ErrorCodes.NOT_FOUND, "No profile for shopper " + shopperId + "."))));
    }

    /** {@code PUT {"tags": [...]}}: replaces the shopper's tags; the next message uses them. */
    public void put(Context ctx) {
        String shopperId = shopperId(ctx);
        JsonNode body = reader.object(ctx.body());
        if (!body.has("tags")) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "tags is required (an array, may be empty).");
        }
        Set<String> tags = reader.tags(body.get("tags"));
        ctx.json(ProfileDto.of(profiles.put(shopperId, tags, BearerTokens.caller(ctx), clock.instant())));
    }

    /** {@code DELETE}: forgets the shopper's profile (204), 404 when there was none. */
    public void delete(Context ctx) {
        String shopperId = shopperId(ctx);
        if (!profiles.delete(shopperId)) {
            throw new ApiException(404, ErrorCodes.NOT_FOUND, "No profile for shopper " + shopperId + ".");
        }
        ctx.status(204);
    }

    /**
     * {@code GET .../export}: the shopper's conversations (transcripts, states, events with their
     * ratings and feedback), storefront events, experiment exposures, stored tags and unanswered
     * questions; empty lists for a shopper Kefu knows nothing of.
     */
    public void export(Context ctx) {
        String shopperId = shopperId(ctx);
        JdbcPersonalData.ShopperData held = data.export(shopperId);
        Set<String> conversations = conversationIds(held);
        ctx.json(ExportDto.of(
                held, inbox.find(question -> conversations.contains(question.conversationId())), clock.instant()));
    }

    /**
     * {@code POST .../erase}: removes everything {@link #export} shows, in one transaction (the
     * inbox's questions with it), keeps an audit line without the content, and answers the counts
     * by kind. Erasing a shopper Kefu knows nothing of answers zeros.
     */
    public void erase(Context ctx) {
        String shopperId = shopperId(ctx);
        String caller = BearerTokens.caller(ctx);
        Instant now = clock.instant();
        Map<String, Integer> erased = data.erase(shopperId, caller, now, conversations -> {
            try {
                return inbox.forget(question -> conversations.contains(question.conversationId()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite the unanswered inbox", e);
            }
        });
        LOG.info(
                "erased the data of shopper {} (SHA-256) for {}: {}", JdbcPersonalData.hash(shopperId), caller, erased);
        ctx.json(new ErasureDto(shopperId, erased));
    }

    private static Set<String> conversationIds(JdbcPersonalData.ShopperData held) {
        return held.conversations().stream()
                .map(stored -> stored.conversation().id())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String shopperId(Context ctx) {
        String id = ctx.pathParam("shopperId");
        if (id.isBlank()
                || id.length() > ShopperContext.MAX_ID_LENGTH
                || id.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD,
                    "shopperId must be 1.." + ShopperContext.MAX_ID_LENGTH + " characters without control characters.");
        }
        return id;
    }
}
