package dev.kefu.core.conversation;

import dev.kefu.core.contract.ConversationStoreContract;

class CaffeineConversationStoreContractTest extends ConversationStoreContract {
    @Override
    protected ConversationStore newStore() {
        return CaffeineConversationStore.forTests();
    }
}
