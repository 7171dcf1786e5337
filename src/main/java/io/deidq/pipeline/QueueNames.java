package io.deidq.pipeline;

import io.deidq.batch.Stage;

/** The names of the stage exchange and queues: {@code <prefix>.stages}, {@code <prefix>.<stage>}, bound by the stage's name. */
public record QueueNames(String prefix) {

    public String exchange() {
        return prefix + ".stages";
    }

    public String queue(Stage stage) {
        return prefix + "." + stage.queueName();
    }

    public String routingKey(Stage stage) {
        return stage.queueName();
    }
}
