package dev.kefu.core.slot.experiment;

import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.pipeline.Decision;
import dev.kefu.core.pipeline.PipelineEvent;
import dev.kefu.core.pipeline.PipelineListener;
import dev.kefu.core.slot.Slot;

/**
 * Records an exposure for every experiment slot that passed the guard rails and went out with a
 * reply, holdout places included. Slots the guard rails dropped are not exposures: the experiment
 * measures the lines shoppers actually got (or, in the holdout, would have got).
 */
public final class ExposureRecorder implements PipelineListener {
    private final ExperimentLog log;

    public ExposureRecorder(ExperimentLog log) {
        this.log = log;
    }

    @Override
    public void on(PipelineEvent event) {
        if (event instanceof PipelineEvent.Decided decided && decided.decision() instanceof Decision.Reply reply) {
            InboundMessage message = decided.message();
            String shopperKey = message.shopper().key(message.conversationId());
            for (Slot slot : reply.slots()) {
                if (slot.experimentId() != null) {
                    log.exposed(new ExperimentLog.Exposure(
                            slot.experimentId(),
                            slot.variant(),
                            slot.scriptId(),
                            shopperKey,
                            message.conversationId(),
                            message.receivedAt()));
                }
            }
        }
    }
}
