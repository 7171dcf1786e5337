package io.deidq.web;

import io.deidq.dicom.io.Implementation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** GET /version: what is running, without authentication. */
@RestController
public class VersionController {

    @GetMapping("/version")
    public Map<String, String> version() {
        return Map.of(
                "name", "deidq",
                "version", Implementation.VERSION,
                "implementation_class_uid", Implementation.CLASS_UID,
                "implementation_version_name", Implementation.VERSION_NAME);
    }
}
