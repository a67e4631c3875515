/**
 * Who a shopper is and which conversations they may open, decided at the edge: the store's signed
 * shopper tokens ({@link dev.kefu.channels.identity.ShopperTokens}, HS256 JWTs), what a browser may
 * still say about a shopper ({@link dev.kefu.channels.identity.ShopperIdentity}), and conversation
 * tokens ({@link dev.kefu.channels.identity.ConversationTokens}: an HMAC of the server-made id, so
 * nothing per conversation is stored), applied to requests by {@link
 * dev.kefu.channels.identity.ConversationGate}. Imports {@code http} only. Thread-safe.
 */
package dev.kefu.channels.identity;
