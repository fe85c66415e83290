package be.helpline.insights.core.campaign;

import java.time.LocalDate;

/** One row of an ad network's report: the impressions of one creative on one day. */
public record ImpressionRow(LocalDate date, String creative, long impressions) {}
