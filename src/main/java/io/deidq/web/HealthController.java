package io.deidq.web;

import io.deidq.DeidqProperties;
import io.deidq.dicom.io.Implementation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET /health, without authentication: UP (200) while deidq can store what it receives, DOWN
 * (503) when its data directory is missing, not writable, or short of free space, because then
 * every image sent to it would be refused. It names the version too, as the GSID API's health
 * check does (seed 001).
 */
@RestController
public class HealthController {

    private final DeidqProperties properties;

    public HealthController(DeidqProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/health")
    public ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> storage = storage(properties.dataDir());
        boolean up = "UP".equals(storage.get("status"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("version", Implementation.VERSION);
        body.put("checks", Map.of("storage", storage));
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private Map<String, Object> storage(Path dir) {
        Map<String, Object> check = new LinkedHashMap<>();
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            check.put("status", "DOWN");
            check.put("detail", "the data directory is missing or not writable");
            return check;
        }
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            long needed = properties.minFreeSpace().toBytes();
            check.put("status", free >= needed ? "UP" : "DOWN");
            check.put("free_bytes", free);
            check.put("min_free_bytes", needed);
        } catch (IOException e) {
            check.put("status", "DOWN");
            check.put("detail", "cannot read the free space of the data directory: " + e.getMessage());
        }
        return check;
    }
}
