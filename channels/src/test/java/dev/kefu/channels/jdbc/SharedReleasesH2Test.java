package dev.kefu.channels.jdbc;

class SharedReleasesH2Test extends SharedReleasesContract {
    @Override
    protected JdbcConversationStore open() {
        return JdbcConversationStoreH2Test.open(dataDir.resolve("h2"));
    }
}
