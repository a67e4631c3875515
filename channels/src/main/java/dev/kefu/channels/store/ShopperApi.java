package dev.kefu.channels.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.jdbc.JdbcShopperProfiles;
import dev.kefu.core.message.ShopperContext;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/shoppers/{shopperId}} (bearer store token): the store's back end keeps the tags of
 * its shoppers here, server to server, so that tags which matter (a VIP tier, an opt-out) come
 * from the store and not from the shopper's browser. Every message of the shopper gets them.
 */
public final class ShopperApi {
    private final JdbcShopperProfiles profiles;
    private final RequestReader reader;
    private final Clock clock;

    public ShopperApi(JdbcShopperProfiles profiles, RequestReader reader, Clock clock) {
        this.profiles = profiles;
        this.reader = reader;
        this.clock = clock;
    }

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
