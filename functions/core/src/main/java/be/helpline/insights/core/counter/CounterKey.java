package be.helpline.insights.core.counter;

import java.time.LocalDate;

/**
 * Names one day's bag of counters: a family ({@code traffic}), a subject within it (a site id) and
 * the reporting day. Counters are kept per day, never per event, so storage grows with days, not
 * with traffic.
 */
public record CounterKey(String family, String subject, LocalDate date) {}
