package dev.ledgerbridge.sync;

import java.util.List;

/** What every step is described by: its name, its dependencies, its watermark key, its template and answer. */
abstract class QueryStep implements Step {
    private final String name;
    private final List<String> dependsOn;
    private final String entity;
    private final String template;
    private final String responseElement;

    QueryStep(String name, List<String> dependsOn, String entity, String template, String responseElement) {
        this.name = name;
        this.dependsOn = dependsOn;
        this.entity = entity;
        this.template = template;
        this.responseElement = responseElement;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public final String entity() {
        return entity;
    }

    @Override
    public final String template() {
        return template;
    }

    @Override
    public final String responseElement() {
        return responseElement;
    }
}
