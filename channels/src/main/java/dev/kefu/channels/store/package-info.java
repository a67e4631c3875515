/**
 * The store's side: its back end keeps its shoppers' tags ({@code /api/v1/shoppers/...}, bearer
 * store tokens) and the storefront reports what shoppers do ({@code /api/v1/events}), for tag
 * rules and the experiments' conversions. For its shoppers' data requests it exports or erases
 * everything Kefu holds about one ({@code /api/v1/shoppers/{id}/export}, {@code .../erase}).
 */
package dev.kefu.channels.store;
