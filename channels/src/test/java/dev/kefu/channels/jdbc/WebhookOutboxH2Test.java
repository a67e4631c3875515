package dev.kefu.channels.jdbc;

class WebhookOutboxH2Test extends WebhookOutboxContract {
    @Override
    protected JdbcConversationStore open() {
        return JdbcConversationStoreH2Test.open(dataDir.resolve("h2"));
    }
}
