package io.deidq.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deidq.batch.Stage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import java.io.IOException;
import java.util.Arrays;

/**
 * A {@link StageMessage} as it travels: {@code {"batch_id":12,"stage":"get-identifiers","attempt":1}},
 * JSON, persistent. The stage is spelled as its queue is, so that the wire format does not follow
 * the enum's Java names.
 */
public final class StageMessageCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StageMessageCodec() {
    }

    public static Message encode(StageMessage message) {
        ObjectNode body = JSON.createObjectNode()
                .put("batch_id", message.batchId())
                .put("stage", message.stage().queueName())
                .put("attempt", message.attempt());
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        try {
            return new Message(JSON.writeValueAsBytes(body), properties);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the JSON of " + message, e);
        }
    }

    /** @throws MalformedStageMessage when the body is not a stage message; the reason names the field, never the body */
    public static StageMessage decode(Message message) {
        JsonNode body;
        try {
            body = JSON.readTree(message.getBody());
        } catch (IOException e) {
            throw new MalformedStageMessage("the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new MalformedStageMessage("the body is not a JSON object");
        }
        JsonNode batchId = body.get("batch_id");
        JsonNode stage = body.get("stage");
        JsonNode attempt = body.get("attempt");
        if (batchId == null || !batchId.canConvertToLong() || !batchId.isIntegralNumber()) {
            throw new MalformedStageMessage("batch_id is not an integer");
        }
        if (attempt == null || !attempt.isInt() || attempt.intValue() < 1) {
            throw new MalformedStageMessage("attempt is not a positive integer");
        }
        if (stage == null || !stage.isTextual()) {
            throw new MalformedStageMessage("stage is not a string");
        }
        Stage named = Arrays.stream(Stage.values()).filter(s -> s.queueName().equals(stage.textValue())).findFirst()
                .orElseThrow(() -> new MalformedStageMessage("stage is none of the stages"));
        return new StageMessage(batchId.longValue(), named, attempt.intValue());
    }

    /** A message on a stage queue that deidq did not write. */
    public static final class MalformedStageMessage extends RuntimeException {

        MalformedStageMessage(String reason) {
            super("not a stage message: " + reason);
        }
    }
}
