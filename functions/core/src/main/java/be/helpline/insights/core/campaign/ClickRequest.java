package be.helpline.insights.core.campaign;

/**
 * What the redirect reads of a banner request, in memory only: the path ids, whether it is a HEAD,
 * and the headers that tell bots and prefetches. Nothing else of the request is used; the
 * User-Agent is never stored or logged.
 */
public record ClickRequest(
    String campaignId,
    String creativeId,
    boolean head,
    String userAgent,
    String secPurpose,
    String purpose) {}
