package dev.bitquark.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitquark.app.web.SpaFallback;
import org.junit.jupiter.api.Test;

class SpaFallbackTest {
    @Test
    void routesUiPathsToIndex() {
        assertTrue(SpaFallback.isUiRoute("GET", "/torrents/abc"));
        assertTrue(SpaFallback.isUiRoute("GET", "/settings"));
    }

    @Test
    void leavesApiManagementFilesAndOtherMethodsAlone() {
        assertFalse(SpaFallback.isUiRoute("GET", "/"));
        assertFalse(SpaFallback.isUiRoute("GET", "/api/v1/torrents"));
        assertFalse(SpaFallback.isUiRoute("GET", "/api"));
        assertFalse(SpaFallback.isUiRoute("GET", "/q/health"));
        assertFalse(SpaFallback.isUiRoute("GET", "/assets/index-abc.js"));
        assertFalse(SpaFallback.isUiRoute("POST", "/torrents"));
    }
}
