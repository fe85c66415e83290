package be.helpline.insights.core.traffic;

/**
 * What the beacon intake may look at of one request. The User-Agent and purpose headers serve the
 * bot and prefetch checks in memory and are then dropped; the country headers are reduced to a
 * {@link Geography}. Each value is an empty string when the header is absent.
 */
public record BeaconRequest(
    String origin,
    String contentType,
    String userAgent,
    String secPurpose,
    String purpose,
    String viewerCountry,
    String viewerRegion,
    byte[] body) {}
