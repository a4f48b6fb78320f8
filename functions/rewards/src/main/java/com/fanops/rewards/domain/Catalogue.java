package com.fanops.rewards.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reward catalogue, versioned as a whole like every operator setting (author, time, history, {@code basedOn}): an
 * edit of any item is a new version of the catalogue, and every issuance records the version it was made under.
 */
public record Catalogue(List<CatalogueItem> items) implements SettingsValue<Catalogue> {

    public static final int MAX_ITEMS = 300;

    public Catalogue {
        items = items == null ? null : List.copyOf(items);
    }

    public static Catalogue empty() {
        return new Catalogue(List.of());
    }

    public Optional<CatalogueItem> item(String itemId) {
        return items.stream().filter(i -> i.itemId().equals(itemId)).findFirst();
    }

    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (items == null) {
            errors.add(new FieldError("items", "is required (an empty list withdraws everything)"));
            return errors;
        }
        if (items.size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "at most " + MAX_ITEMS + " items"));
            return errors;
        }
        errors.addAll(CatalogueItem.validateAll(items, "items"));
        return errors;
    }
}
