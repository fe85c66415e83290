package be.helpline.insights.core.site;

import be.helpline.insights.core.counter.CounterSubject;

/**
 * A measured website: its id as beacons name it, the one origin it posts from, its counting mode.
 */
public record Site(String id, String origin, VisitorMode mode) implements CounterSubject {}
