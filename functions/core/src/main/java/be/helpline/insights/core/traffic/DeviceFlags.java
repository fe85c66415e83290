package be.helpline.insights.core.traffic;

/**
 * What a consenting device in {@code returning} mode says about itself, as booleans only: first
 * page view of the day, of the month, ever, and whether this is its second distinct visit day.
 */
public record DeviceFlags(
    boolean firstOfDay, boolean firstOfMonth, boolean firstEver, boolean firstReturn) {}
