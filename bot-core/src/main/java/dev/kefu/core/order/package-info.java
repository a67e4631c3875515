/**
 * The store's orders: the typed records ({@link dev.kefu.core.order.Order} and its parts), their
 * wire form ({@link dev.kefu.core.order.OrderJson}), where the bot finds them ({@link
 * dev.kefu.core.order.OrderSource}) and the stage that answers questions about them ({@link
 * dev.kefu.core.order.OrderDesk}), showing an order only to its owner.
 */
package dev.kefu.core.order;
